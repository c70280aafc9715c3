package org.opencdp.gateway.keys;

import java.time.Instant;
import java.util.Set;
import org.opencdp.servicekit.tenant.Role;

/**
 * A stored key: never the key itself, only its hash and a display prefix.
 *
 * @param tenantId the owning tenant; {@code null} for a platform key
 */
public record ApiKey(
    String keyId,
    String tenantId,
    KeyKind kind,
    Set<Role> roles,
    String hash,
    String prefix,
    Instant createdAt,
    Instant revokedAt) {

  public ApiKey {
    roles = Set.copyOf(roles);
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
