package org.opencdp.launcher.process;

import java.time.Duration;

/**
 * Restart delays that double after each crash up to a ceiling, and start over once a process has
 * stayed up for {@code stableAfter}.
 *
 * @param initial the first delay
 * @param max the longest delay
 * @param stableAfter how long a run must last for the next crash to count as the first again
 */
public record Backoff(Duration initial, Duration max, Duration stableAfter) {

  /** 1 s, 2 s, 4 s … up to 30 s; a run of a minute resets it. */
  public static Backoff standard() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));
  }

  /** The delay before restart number {@code attempt} (1 for the first). */
  public Duration delay(int attempt) {
    long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
    Duration delay = initial.multipliedBy(factor);
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
