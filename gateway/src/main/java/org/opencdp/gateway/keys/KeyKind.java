package org.opencdp.gateway.keys;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a key is for: ingestion (write), reads and admin (secret), or the platform operator. */
public enum KeyKind {
  WRITE("cdp_wk_", 32),
  SECRET("cdp_sk_", 40),
  PLATFORM("cdp_pk_", 40);

  private final String prefix;
  private final int randomLength;

  KeyKind(String prefix, int randomLength) {
    this.prefix = prefix;
    this.randomLength = randomLength;
  }

  public String prefix() {
    return prefix;
  }

  int randomLength() {
    return randomLength;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<KeyKind> fromWire(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
  }
}
