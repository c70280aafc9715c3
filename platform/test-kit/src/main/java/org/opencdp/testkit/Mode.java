package org.opencdp.testkit;

import java.util.Arrays;
import java.util.Locale;

/** How infrastructure is obtained, as chosen by {@code cdp.test.infra}. */
enum Mode {
  /** Kafka in-process; PostgreSQL and Redis from local servers, else containers. */
  AUTO,
  /** Everything from Testcontainers. */
  CONTAINERS,
  /** Local servers only; Kafka still runs in-process, as it needs no server. */
  LOCAL;

  static Mode parse(String value) {
    return Arrays.stream(values())
        .filter(mode -> mode.key().equals(value.strip().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "cdp.test.infra=" + value + " is not one of auto, containers, local"));
  }

  String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
