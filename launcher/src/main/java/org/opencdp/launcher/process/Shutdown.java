package org.opencdp.launcher.process;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Stops processes recorded in pid files, from any shell: what {@code ./cdp down} does. */
public final class Shutdown {

  private final RunDirectory run;
  private final Consumer<String> report;

  public Shutdown(RunDirectory run, Consumer<String> report) {
    this.run = run;
    this.report = report;
  }

  /**
   * Stops the named processes one after the other, in the given order, each with SIGTERM and then
   * SIGKILL after {@code grace}; removes their pid files. Answers how many were running.
   */
  public int stop(List<String> names, Duration grace) {
    int stopped = 0;
    for (String name : names) {
      Optional<ProcessHandle> handle = run.live(name);
      if (handle.isPresent()) {
        report.accept("stopping " + name + " (pid " + handle.get().pid() + ")");
        terminate(handle.get(), grace);
        stopped++;
      } else {
        run.readPid(name)
            .ifPresent(
                pid ->
                    report.accept(
                        "%s is not running (pid %d of its pid file is gone or another process)"
                            .formatted(name, pid)));
      }
      run.removePid(name);
    }
    return stopped;
  }

  /** SIGTERM, wait up to {@code grace}, then SIGKILL; answers whether it had to kill. */
  static boolean terminate(ProcessHandle handle, Duration grace) {
    handle.destroy();
    try {
      handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return false;
    } catch (TimeoutException e) {
      handle.destroyForcibly();
      handle.onExit().completeOnTimeout(handle, 5, TimeUnit.SECONDS).join();
      return true;
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handle.destroyForcibly();
      return true;
    }
  }
}
