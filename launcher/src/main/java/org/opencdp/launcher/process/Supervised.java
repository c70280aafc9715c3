package org.opencdp.launcher.process;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** One process under supervision: the current OS process and how often it was restarted. */
public final class Supervised {

  private final ProcessSpec spec;
  private volatile Process process;
  private volatile Instant startedAt;
  private volatile boolean stopping;
  private int crashesInARow;
  private int restarts;

  Supervised(ProcessSpec spec) {
    this.spec = spec;
  }

  public ProcessSpec spec() {
    return spec;
  }

  public String name() {
    return spec.name();
  }

  /** The pid of the current OS process, or -1 before the first start. */
  public long pid() {
    Process current = process;
    return current == null ? -1 : current.pid();
  }

  public boolean isAlive() {
    Process current = process;
    return current != null && current.isAlive();
  }

  public synchronized int restarts() {
    return restarts;
  }

  boolean stopping() {
    return stopping;
  }

  synchronized void started(Process next, Instant at) {
    this.process = next;
    this.startedAt = at;
  }

  Process process() {
    return process;
  }

  /** Counts a crash and answers which restart in a row this will be (1 after a stable run). */
  synchronized int crashed(Instant at, Duration stableAfter) {
    boolean stable =
        startedAt != null && Duration.between(startedAt, at).compareTo(stableAfter) >= 0;
    crashesInARow = stable ? 1 : crashesInARow + 1;
    restarts++;
    return crashesInARow;
  }

  /** Stops the process: SIGTERM, then SIGKILL after {@code grace}; no restart follows. */
  void stop(Duration grace) {
    stopping = true;
    Process current = process;
    if (current == null || !current.isAlive()) {
      return;
    }
    current.destroy();
    try {
      if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      current.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
