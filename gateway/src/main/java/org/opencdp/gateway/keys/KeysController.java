package org.opencdp.gateway.keys;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.opencdp.gateway.GatewayErrorCode;
import org.opencdp.gateway.keys.ApiKeys.IssuedKey;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Lists, creates, rotates and revokes a tenant's keys. A new key is shown in the answer once. */
@RestController
@RequestMapping(
    path = "/v1/admin/tenants/{tenantId}/keys",
    produces = MediaType.APPLICATION_JSON_VALUE)
class KeysController {

  private static final Set<Role> SECRET_ROLES = EnumSet.of(Role.ADMIN, Role.ANALYST, Role.APP);

  private final ApiKeys keys;
  private final KeyLookup lookup;
  private final TenantCheck tenants;

  KeysController(ApiKeys keys, KeyLookup lookup, TenantCheck tenants) {
    this.keys = keys;
    this.lookup = lookup;
    this.tenants = tenants;
  }

  @GetMapping
  List<KeyView> list(@PathVariable String tenantId) {
    AdminAccess.requireTenantAdmin(tenantId);
    requireTenant(tenantId);
    return keys.ofTenant(tenantId).stream().map(KeyView::of).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  NewKeyView create(@PathVariable String tenantId, @RequestBody NewKey body) {
    AdminAccess.requireTenantAdmin(tenantId);
    requireTenant(tenantId);
    KeyKind kind =
        KeyKind.fromWire(body.kind())
            .filter(k -> k != KeyKind.PLATFORM)
            .orElseThrow(
                () ->
                    new ProblemException(
                            GatewayErrorCode.INVALID_KEY_REQUEST, "kind must be write or secret")
                        .field("kind"));
    Set<Role> roles = kind == KeyKind.WRITE ? Set.of(Role.WRITE) : secretRoles(body.roles());
    return NewKeyView.of(keys.issue(tenantId, kind, roles));
  }

  @PostMapping("/{keyId}/rotate")
  @ResponseStatus(HttpStatus.CREATED)
  NewKeyView rotate(@PathVariable String tenantId, @PathVariable String keyId) {
    AdminAccess.requireTenantAdmin(tenantId);
    ApiKey old = keys.find(tenantId, keyId).orElseThrow(() -> notFound(keyId));
    IssuedKey issued = keys.rotate(tenantId, keyId).orElseThrow(() -> notFound(keyId));
    lookup.forget(old.hash());
    return NewKeyView.of(issued);
  }

  @DeleteMapping("/{keyId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable String tenantId, @PathVariable String keyId) {
    AdminAccess.requireTenantAdmin(tenantId);
    ApiKey old = keys.find(tenantId, keyId).orElseThrow(() -> notFound(keyId));
    keys.revoke(tenantId, keyId);
    lookup.forget(old.hash());
  }

  private void requireTenant(String tenantId) {
    if (!tenants.exists(tenantId)) {
      throw new ProblemException(GatewayErrorCode.TENANT_NOT_FOUND, "No tenant '" + tenantId + "'");
    }
  }

  private static Set<Role> secretRoles(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new ProblemException(
              GatewayErrorCode.INVALID_KEY_REQUEST,
              "A secret key needs roles: any of admin, analyst, app")
          .field("roles");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      Role role =
          Role.fromWire(name)
              .filter(SECRET_ROLES::contains)
              .orElseThrow(
                  () ->
                      new ProblemException(
                              GatewayErrorCode.INVALID_KEY_REQUEST,
                              "Unknown role '" + name + "': use admin, analyst or app")
                          .field("roles"));
      roles.add(role);
    }
    return roles;
  }

  private static ProblemException notFound(String keyId) {
    return new ProblemException(
        GatewayErrorCode.KEY_NOT_FOUND, "No live key '" + keyId + "' for this tenant");
  }

  record NewKey(String kind, List<String> roles) {}

  /** A key as listed: never its hash or the key itself. */
  record KeyView(
      String keyId,
      String kind,
      List<String> roles,
      String prefix,
      String createdAt,
      String revokedAt) {
    static KeyView of(ApiKey k) {
      return new KeyView(
          k.keyId(),
          k.kind().wireName(),
          wireRoles(k.roles()),
          k.prefix(),
          k.createdAt().toString(),
          k.revokedAt() == null ? null : k.revokedAt().toString());
    }
  }

  /** A key just made, with the key itself: the only time it is shown. */
  record NewKeyView(
      String keyId, String kind, List<String> roles, String prefix, String createdAt, String key) {
    static NewKeyView of(IssuedKey issued) {
      ApiKey k = issued.stored();
      return new NewKeyView(
          k.keyId(),
          k.kind().wireName(),
          wireRoles(k.roles()),
          k.prefix(),
          k.createdAt().toString(),
          issued.key());
    }
  }

  static List<String> wireRoles(Set<Role> roles) {
    return roles.stream().map(Role::wireName).sorted().toList();
  }
}
