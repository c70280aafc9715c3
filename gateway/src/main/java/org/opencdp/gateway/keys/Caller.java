package org.opencdp.gateway.keys;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;

/**
 * Whose key a request to the gateway carried.
 *
 * @param tenantId {@code null} for the platform admin
 */
public record Caller(String tenantId, String keyId, KeyKind kind, Set<Role> roles) {

  /** The request attribute the authentication filter puts the caller in. */
  public static final String ATTRIBUTE = Caller.class.getName();

  public Caller {
    roles = Set.copyOf(roles);
  }

  static Caller of(ApiKey key) {
    Set<Role> roles = key.kind() == KeyKind.PLATFORM ? Set.of(Role.PLATFORM_ADMIN) : key.roles();
    return new Caller(key.tenantId(), key.keyId(), key.kind(), roles);
  }

  public boolean isPlatformAdmin() {
    return kind == KeyKind.PLATFORM;
  }

  public boolean hasAny(Set<Role> wanted) {
    return wanted.stream().anyMatch(roles::contains);
  }

  /** What the internal token says about this caller; a write key is its own source. */
  public CallerIdentity identity() {
    return new CallerIdentity(tenantId, keyId, roles, kind == KeyKind.WRITE ? keyId : null);
  }

  public static Optional<Caller> of(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Caller c ? Optional.of(c) : Optional.empty();
  }
}
