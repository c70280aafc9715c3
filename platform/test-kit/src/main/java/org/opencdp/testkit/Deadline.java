package org.opencdp.testkit;

import java.time.Duration;

/** A point in time a wait gives up at. */
record Deadline(long nanoTime) {

  static Deadline after(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  boolean passed() {
    return nanoTime - System.nanoTime() <= 0;
  }

  /** The time left, but no more than {@code cap}: for one step of a longer wait. */
  Duration remaining(Duration cap) {
    Duration left = Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    return left.compareTo(cap) < 0 ? left : cap;
  }

  /** Sleeps between two attempts; an interrupt ends the wait rather than being swallowed. */
  static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting", e);
    }
  }
}
