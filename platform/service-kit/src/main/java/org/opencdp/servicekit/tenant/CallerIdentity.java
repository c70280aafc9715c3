package org.opencdp.servicekit.tenant;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is calling: the tenant whose data the request may touch, the key it used, that key's roles,
 * and the source the data comes from ({@code null} when the caller names none).
 */
public record CallerIdentity(String tenantId, String keyId, Set<Role> roles, String sourceId) {

  private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /**
   * The tenant id is checked here, once, because it ends up in lake paths and topic keys: a value
   * such as {@code ../x} must never get that far.
   */
  public CallerIdentity {
    if (!isValidTenantId(tenantId)) {
      throw new IllegalArgumentException("Not a valid tenant id: " + tenantId);
    }
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("keyId is required");
    }
    roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** Whether {@code tenantId} matches {@code [a-z0-9][a-z0-9_-]{0,62}}. */
  public static boolean isValidTenantId(String tenantId) {
    return tenantId != null && TENANT_ID.matcher(tenantId).matches();
  }

  public boolean has(Role role) {
    return roles.contains(Objects.requireNonNull(role, "role"));
  }
}
