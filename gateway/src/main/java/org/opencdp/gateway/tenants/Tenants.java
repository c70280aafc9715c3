package org.opencdp.gateway.tenants;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import org.opencdp.gateway.GatewayErrorCode;
import org.opencdp.gateway.keys.ApiKeys;
import org.opencdp.gateway.keys.ApiKeys.IssuedKey;
import org.opencdp.gateway.keys.KeyKind;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The tenants the platform serves, each created with a write key and an all-roles secret key. */
@Repository
public class Tenants {

  /** What a new tenant's first secret key may do. */
  static final Set<Role> FIRST_SECRET_ROLES = EnumSet.of(Role.ADMIN, Role.ANALYST, Role.APP);

  private final JdbcClient jdbc;
  private final ApiKeys keys;
  private final Clock clock = Clock.systemUTC();

  public Tenants(JdbcClient jdbc, ApiKeys keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  /**
   * @throws ProblemException 400 for an invalid id, 409 when the tenant exists
   */
  @Transactional
  public Created create(String tenantId, String name) {
    if (!CallerIdentity.isValidTenantId(tenantId)) {
      throw new ProblemException(
              GatewayErrorCode.INVALID_TENANT,
              "tenantId must match [a-z0-9][a-z0-9_-]{0,62}: lower-case letters, digits, _ and -")
          .field("tenantId")
          .rule("pattern");
    }
    if (exists(tenantId)) {
      throw exists(tenantId, null);
    }
    try {
      jdbc.sql("insert into tenants (tenant_id, name, created_at) values (:id, :name, :at)")
          .param("id", tenantId)
          .param("name", name == null || name.isBlank() ? tenantId : name.strip())
          .param("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
          .update();
    } catch (DuplicateKeyException raced) {
      throw exists(tenantId, raced);
    }
    IssuedKey write = keys.issue(tenantId, KeyKind.WRITE, Set.of(Role.WRITE));
    IssuedKey secret = keys.issue(tenantId, KeyKind.SECRET, FIRST_SECRET_ROLES);
    return new Created(tenantId, write.key(), secret.key());
  }

  public boolean exists(String tenantId) {
    return jdbc.sql("select count(*) from tenants where tenant_id = :id")
            .param("id", tenantId)
            .query(Long.class)
            .single()
        > 0;
  }

  private static ProblemException exists(String tenantId, Throwable cause) {
    ProblemException p =
        cause == null
            ? new ProblemException(
                GatewayErrorCode.TENANT_EXISTS, "Tenant '" + tenantId + "' already exists")
            : new ProblemException(
                GatewayErrorCode.TENANT_EXISTS, "Tenant '" + tenantId + "' already exists", cause);
    return p.field("tenantId");
  }

  /** A new tenant and its first keys, the only time the keys are shown. */
  public record Created(String tenantId, String writeKey, String secretKey) {}
}
