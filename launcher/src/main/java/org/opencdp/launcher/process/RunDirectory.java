package org.opencdp.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pid files ({@code <data>/run/<process>.pid}) and logs ({@code <data>/logs/<process>.log}) of
 * the processes the local runtime started; what lets {@code ./cdp down} and {@code status} work
 * from another shell.
 */
public final class RunDirectory {

  private final Path run;
  private final Path logs;

  public RunDirectory(Path dataDir) {
    this.run = dataDir.resolve("run");
    this.logs = dataDir.resolve("logs");
  }

  public Path pidFile(String process) {
    return run.resolve(process + ".pid");
  }

  public Path logFile(String process) {
    return logs.resolve(process + ".log");
  }

  /** Creates the run and logs folders. */
  public void create() {
    try {
      Files.createDirectories(run);
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + run + " or " + logs, e);
    }
  }

  /**
   * Records the pid with what identifies that process for as long as it runs (its start time in
   * clock ticks since boot on Linux), so a recycled pid is never taken for it.
   */
  public void writePid(String process, long pid) {
    String identity = ProcessHandle.of(pid).flatMap(RunDirectory::identity).orElse("");
    try {
      Path temp = run.resolve("." + process + ".pid.tmp");
      Files.writeString(temp, (pid + " " + identity).strip() + "\n", StandardCharsets.UTF_8);
      Files.move(temp, pidFile(process), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + pidFile(process), e);
    }
  }

  /** The pid recorded for the process, if its file exists and holds a number. */
  public Optional<Long> readPid(String process) {
    return record(process).map(r -> r.pid);
  }

  /** The live process the pid file names, if it is still the process that was recorded. */
  public Optional<ProcessHandle> live(String process) {
    return record(process)
        .flatMap(r -> ProcessHandle.of(r.pid).filter(handle -> r.names(handle, pidFile(process))));
  }

  public void removePid(String process) {
    try {
      Files.deleteIfExists(pidFile(process));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + pidFile(process), e);
    }
  }

  private Optional<PidRecord> record(String process) {
    Path file = pidFile(process);
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      String[] fields = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ", 2);
      return Optional.of(
          new PidRecord(Long.parseLong(fields[0]), fields.length > 1 ? fields[1] : ""));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * What tells one process from a later one with the same pid: on Linux its start in clock ticks
   * since boot ({@code /proc/<pid>/stat}, field 22), which no step of the wall clock moves;
   * elsewhere the start instant the system recorded.
   */
  static Optional<String> identity(ProcessHandle handle) {
    Path stat = Path.of("/proc", Long.toString(handle.pid()), "stat");
    try {
      String line = Files.readString(stat, StandardCharsets.US_ASCII);
      // the command name in parentheses may hold spaces: count fields after its closing one
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Optional.of("boot-ticks:" + fields[19]);
    } catch (IOException | RuntimeException e) {
      return handle.info().startInstant().map(started -> "started:" + started.toEpochMilli());
    }
  }

  /** A pid file: the pid and the identity of the process it was written for ("" if unknown). */
  private record PidRecord(long pid, String recorded) {

    // A pid is recycled after a reboot or a long time: never signal a process that is not ours.
    boolean names(ProcessHandle handle, Path pidFile) {
      Optional<String> user = handle.info().user();
      boolean sameUser = user.isEmpty() || user.equals(ProcessHandle.current().info().user());
      return handle.isAlive() && sameUser && sameProcess(handle, pidFile);
    }

    private boolean sameProcess(ProcessHandle handle, Path pidFile) {
      if (!recorded.isEmpty()) {
        return identity(handle).map(recorded::equals).orElse(false);
      }
      // a file without identity (its process was gone before it was written, or an older
      // launcher wrote it): a process started after the file has only inherited a recycled pid
      Optional<java.time.Instant> started = handle.info().startInstant();
      try {
        java.time.Instant written = Files.getLastModifiedTime(pidFile).toInstant();
        return started.isEmpty() || !started.get().isAfter(written.plusSeconds(5));
      } catch (IOException e) {
        return false;
      }
    }
  }
}
