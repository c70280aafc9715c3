package org.opencdp.servicekit.tenant;

import java.util.Arrays;
import java.util.Optional;

/** What a key may do; the wire name is how the role travels in tokens and APIs. */
public enum Role {
  /** Creates and manages tenants: the platform operator. */
  PLATFORM_ADMIN("platform_admin"),
  /** Tenant settings, keys and rules. */
  ADMIN("admin"),
  /** Queries, insights and reports. */
  ANALYST("analyst"),
  /** Recommendations and feedback. */
  APP("app"),
  /** Ingestion with a write key. */
  WRITE("write");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The role with this exact wire name, if any. */
  public static Optional<Role> fromWire(String wireName) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(wireName)).findFirst();
  }
}
