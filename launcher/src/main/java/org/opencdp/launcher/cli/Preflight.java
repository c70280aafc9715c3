package org.opencdp.launcher.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.launcher.process.Ports;
import org.opencdp.launcher.process.RunDirectory;

/** What {@code up} checks before it starts anything, each refusal saying what to do. */
final class Preflight {

  /** A reason not to start, worded for the person at the terminal. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private Preflight() {}

  static void javaVersion(int required) {
    int feature = Runtime.version().feature();
    if (feature < required) {
      throw new Refused(
          "Java "
              + required
              + " or newer is needed, this is Java "
              + feature
              + " ("
              + javaHome()
              + ")");
    }
  }

  static void writable(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Path probe = Files.createTempFile(dataDir, ".cdp-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new Refused(
          "the data directory "
              + dataDir
              + " is not writable ("
              + e.getMessage()
              + "); choose another with --data-dir or CDP_DATA_DIR");
    }
  }

  static void notRunning(RunDirectory run) {
    run.live("cdp")
        .ifPresent(
            p -> {
              throw new Refused(
                  "the platform is already running for this data directory (pid "
                      + p.pid()
                      + "); see ./cdp status, stop it with ./cdp down");
            });
  }

  /** Refuses when any of the ports (name -> port) is taken, naming all that are. */
  static void portsFree(Map<String, Integer> ports) {
    Map<String, Integer> taken = new LinkedHashMap<>();
    ports.forEach(
        (name, port) -> {
          if (!Ports.isFree(port)) {
            taken.put(name, port);
          }
        });
    if (!taken.isEmpty()) {
      List<String> named =
          taken.entrySet().stream().map(e -> e.getValue() + " (" + e.getKey() + ")").toList();
      throw new Refused(
          "port "
              + String.join(", ", named)
              + " is already in use; stop what holds it (`ss -ltnp` shows it) or ./cdp down");
    }
  }

  private static String javaHome() {
    return System.getProperty("java.home");
  }
}
