package org.opencdp.gateway.keys;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Whether a tenant exists, asked of the tenants table without depending on its package. */
@Component
class TenantCheck {

  private final JdbcClient jdbc;

  TenantCheck(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(String tenantId) {
    return jdbc.sql("select count(*) from tenants where tenant_id = :id")
            .param("id", tenantId)
            .query(Long.class)
            .single()
        > 0;
  }
}
