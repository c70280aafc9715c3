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

  public void writePid(String process, long pid) {
    try {
      Path temp = run.resolve("." + process + ".pid.tmp");
      Files.writeString(temp, pid + "\n", StandardCharsets.UTF_8);
      Files.move(temp, pidFile(process), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + pidFile(process), e);
    }
  }

  /** The pid recorded for the process, if its file exists and holds a number. */
  public Optional<Long> readPid(String process) {
    Path file = pidFile(process);
    try {
      return Files.exists(file)
          ? Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The live process the pid file names, if it is still a process we could have started. */
  public Optional<ProcessHandle> live(String process) {
    return readPid(process)
        .flatMap(ProcessHandle::of)
        .filter(handle -> looksLikeOurs(handle, pidFile(process)));
  }

  public void removePid(String process) {
    try {
      Files.deleteIfExists(pidFile(process));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + pidFile(process), e);
    }
  }

  // A pid can be recycled after a reboot or a long time: never signal a process that is not ours.
  // A process that started after its pid file was written has only inherited a recycled pid.
  private static boolean looksLikeOurs(ProcessHandle handle, Path pidFile) {
    Optional<String> user = handle.info().user();
    Optional<java.time.Instant> started = handle.info().startInstant();
    boolean startedBefore;
    try {
      java.time.Instant written = Files.getLastModifiedTime(pidFile).toInstant();
      startedBefore = started.isEmpty() || !started.get().isAfter(written.plusSeconds(5));
    } catch (IOException e) {
      startedBefore = false;
    }
    return handle.isAlive()
        && startedBefore
        && (user.isEmpty() || user.equals(ProcessHandle.current().info().user()));
  }
}
