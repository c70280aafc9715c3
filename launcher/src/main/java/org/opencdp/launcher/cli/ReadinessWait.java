package org.opencdp.launcher.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.launcher.process.Readiness;
import org.opencdp.launcher.process.Supervised;

/** Waits until supervised processes are ready, printing each as it gets there. */
final class ReadinessWait {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  private static final int GIVE_UP_AFTER_RESTARTS = 3;

  private final Console console;

  ReadinessWait(Console console) {
    this.console = console;
  }

  /** Answers the processes that were not ready within {@code timeout} (empty when all were). */
  List<Supervised> await(List<Supervised> processes, Duration timeout) throws InterruptedException {
    Map<String, Supervised> waiting = new LinkedHashMap<>();
    List<Supervised> failed = new ArrayList<>();
    processes.forEach(p -> waiting.put(p.name(), p));
    long start = System.nanoTime();
    long nextProgress = start + PROGRESS_EVERY.toNanos();
    while (!waiting.isEmpty() && System.nanoTime() - start < timeout.toNanos()) {
      for (Supervised process : new ArrayList<>(waiting.values())) {
        if (process.restarts() >= GIVE_UP_AFTER_RESTARTS) {
          waiting.remove(process.name());
          failed.add(process);
          console.sayf(
              "  %-17s keeps crashing (%d restarts); still retrying in the background",
              process.name(), process.restarts());
        } else if (process.isAlive()
            && process.spec().readiness().check() == Readiness.State.READY) {
          waiting.remove(process.name());
          console.sayf(
              "  %-17s ready on port %d (pid %d) at %.1f s",
              process.name(), process.spec().port(), process.pid(), console.elapsed());
        }
      }
      if (!waiting.isEmpty() && System.nanoTime() > nextProgress) {
        console.sayf(
            "  waiting for %s (%.0f s)", String.join(", ", waiting.keySet()), console.elapsed());
        nextProgress += PROGRESS_EVERY.toNanos();
      }
      Thread.sleep(POLL.toMillis());
    }
    failed.addAll(waiting.values());
    return List.copyOf(failed);
  }
}
