package org.opencdp.launcher.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.launcher.process.Readiness;
import org.opencdp.launcher.process.Supervised;

/** Reports a restarted process once it is ready again, so a crash report gets its ending. */
final class Recoveries {

  private Recoveries() {}

  /** Watches in a daemon thread, every two seconds, for as long as the launcher runs. */
  static void watch(List<Supervised> processes, Console console) {
    Map<String, Integer> reported = new HashMap<>();
    processes.forEach(p -> reported.put(p.name(), p.restarts()));
    Thread watcher =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                for (Supervised p : processes) {
                  int restarts = p.restarts();
                  if (restarts > reported.get(p.name())
                      && p.isAlive()
                      && p.spec().readiness().check() == Readiness.State.READY) {
                    reported.put(p.name(), restarts);
                    console.sayf(
                        "  %s is ready again (pid %d, restart %d)", p.name(), p.pid(), restarts);
                  }
                }
                try {
                  Thread.sleep(2_000);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "cdp-recoveries");
    watcher.setDaemon(true);
    watcher.start();
  }
}
