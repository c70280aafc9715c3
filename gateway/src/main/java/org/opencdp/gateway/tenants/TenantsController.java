package org.opencdp.gateway.tenants;

import org.opencdp.gateway.keys.AdminAccess;
import org.opencdp.gateway.tenants.Tenants.Created;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/admin/tenants}: the platform admin creates a tenant and gets its keys once. */
@RestController
class TenantsController {

  private final Tenants tenants;

  TenantsController(Tenants tenants) {
    this.tenants = tenants;
  }

  @PostMapping(path = "/v1/admin/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Created create(@RequestBody NewTenant body) {
    AdminAccess.requirePlatformAdmin();
    return tenants.create(body.tenantId(), body.name());
  }

  record NewTenant(String tenantId, String name) {}
}
