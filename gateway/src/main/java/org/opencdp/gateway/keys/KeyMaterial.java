package org.opencdp.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Creates keys and hashes them. Keys carry 190+ bits of randomness, so a fast hash (SHA-256) is
 * enough: there is nothing to brute-force that a slow hash would protect.
 */
public final class KeyMaterial {

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How much of a key is kept for display: the kind prefix and four random characters. */
  static final int DISPLAY_RANDOM_CHARS = 4;

  private KeyMaterial() {}

  /** A new key of this kind: its prefix and random base62 characters. */
  public static String newKey(KeyKind kind) {
    return kind.prefix() + random(kind.randomLength());
  }

  static String newKeyId() {
    return "key_" + random(20);
  }

  static String random(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(BASE62[RANDOM.nextInt(BASE62.length)]);
    }
    return out.toString();
  }

  /** One digest per thread: looking a provider up costs more than hashing a key. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
          });

  /** SHA-256 of the whole key, lower-case hex. */
  public static String hash(String key) {
    MessageDigest digest = SHA_256.get();
    digest.reset();
    return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** Compares two hashes in time independent of where they differ. */
  static boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  static String displayPrefix(String key, KeyKind kind) {
    int end = Math.min(key.length(), kind.prefix().length() + DISPLAY_RANDOM_CHARS);
    return key.substring(0, end);
  }
}
