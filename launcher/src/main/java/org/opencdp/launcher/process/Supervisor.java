package org.opencdp.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts processes, records their pid files and logs, restarts a crashed one with backoff, and
 * stops them all in reverse start order (services before the broker they need).
 */
public final class Supervisor implements AutoCloseable {

  private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"));

  private final RunDirectory run;
  private final Backoff backoff;
  private final Consumer<String> report;
  private final Clock clock;
  private final List<Supervised> processes = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "cdp-restarts");
            thread.setDaemon(true);
            return thread;
          });

  public Supervisor(RunDirectory run, Backoff backoff, Consumer<String> report) {
    this(run, backoff, report, Clock.systemUTC());
  }

  Supervisor(RunDirectory run, Backoff backoff, Consumer<String> report, Clock clock) {
    this.run = run;
    this.backoff = backoff;
    this.report = report;
    this.clock = clock;
    run.create();
  }

  /** Starts the process now and keeps it running until {@link #stopAll}. */
  public Supervised start(ProcessSpec spec) {
    Supervised supervised = new Supervised(spec);
    processes.add(supervised);
    launch(supervised);
    return supervised;
  }

  public List<Supervised> processes() {
    return List.copyOf(processes);
  }

  /** Stops every process, last started first, each with {@code grace} before it is killed. */
  public void stopAll(Duration grace) {
    List<Supervised> reversed = new ArrayList<>(processes);
    java.util.Collections.reverse(reversed);
    reversed.forEach(p -> p.stop(grace));
    reversed.forEach(p -> run.removePid(p.name()));
  }

  @Override
  public void close() {
    restarts.shutdownNow();
  }

  private void launch(Supervised supervised) {
    ProcessSpec spec = supervised.spec();
    List<String> command = new ArrayList<>();
    // Its own session: a Ctrl-C in the terminal reaches only the launcher, which then stops the
    // services before the broker instead of everything dying at once.
    if (SETSID) {
      command.add("/usr/bin/setsid");
    }
    command.addAll(spec.command());
    ProcessBuilder builder = new ProcessBuilder(command).directory(spec.workDir().toFile());
    builder.environment().putAll(spec.environment());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(run.logFile(spec.name()).toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process process = builder.start();
      supervised.started(process, clock.instant());
      run.writePid(spec.name(), process.pid());
      process.onExit().thenAccept(exited -> exited(supervised, exited));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + spec.name() + ": " + command, e);
    }
  }

  private void exited(Supervised supervised, Process exited) {
    if (supervised.stopping() || supervised.process() != exited) {
      return;
    }
    int attempt = supervised.crashed(clock.instant(), backoff.stableAfter());
    Duration delay = backoff.delay(attempt);
    report.accept(
        "%s exited with status %d; restarting in %d ms (restart %d, log %s)"
            .formatted(
                supervised.name(),
                exited.exitValue(),
                delay.toMillis(),
                supervised.restarts(),
                run.logFile(supervised.name())));
    restarts.schedule(
        () -> {
          if (!supervised.stopping()) {
            launch(supervised);
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
