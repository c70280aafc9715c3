package org.opencdp.launcher.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Prints what the launcher does, prefixed so it reads apart from the build's output. */
final class Console {

  private final PrintStream out;
  private final Instant started;

  Console(PrintStream out, Instant started) {
    this.out = out;
    this.started = started;
  }

  void say(String message) {
    out.println("cdp: " + message);
    out.flush();
  }

  void sayf(String format, Object... args) {
    say(String.format(Locale.ROOT, format, args));
  }

  /** Seconds since {@code ./cdp} started. */
  double elapsed() {
    return Duration.between(started, Instant.now()).toMillis() / 1000.0;
  }

  PrintStream stream() {
    return out;
  }
}
