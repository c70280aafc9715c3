package org.opencdp.gateway.keys;

/**
 * The platform admin key, held only as its hash. It comes from configuration or the local
 * credentials file, never from the database, so changing the configuration retires the old one.
 */
public final class PlatformAdminKey {

  /** The key id platform admin requests carry in logs and tokens. */
  public static final String KEY_ID = "platform-admin";

  private final String hash;

  private PlatformAdminKey(String hash) {
    this.hash = hash;
  }

  public static PlatformAdminKey of(String key) {
    return new PlatformAdminKey(key == null ? null : KeyMaterial.hash(key));
  }

  public static PlatformAdminKey none() {
    return new PlatformAdminKey(null);
  }

  /** Whether the presented key is the platform admin key, compared in constant time. */
  boolean matches(String presentedKey) {
    return matchesHash(KeyMaterial.hash(presentedKey));
  }

  /** Whether a presented key's hash is the platform admin key's, compared in constant time. */
  boolean matchesHash(String presentedHash) {
    return hash != null && KeyMaterial.sameHash(hash, presentedHash);
  }

  public boolean configured() {
    return hash != null;
  }
}
