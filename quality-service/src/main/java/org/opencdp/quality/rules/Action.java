package org.opencdp.quality.rules;

import java.util.Arrays;
import java.util.Locale;

/** What a violation does to an event: counted only, landed with a flag, or quarantined. */
public enum Action {
  ALLOW,
  FLAG,
  QUARANTINE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action with this wire name, or null. */
  static Action fromWire(String text) {
    return Arrays.stream(values()).filter(a -> a.wireName().equals(text)).findFirst().orElse(null);
  }

  /** The stronger of two actions. */
  Action max(Action other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
