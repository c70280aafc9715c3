package org.opencdp.bench.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of another process and of its threads, from {@code /proc} (Linux): on a machine shared
 * with other work, CPU seconds per event say more about the service than events per second do.
 * Clock ticks are taken as 100 per second (USER_HZ on every mainstream Linux build).
 */
final class ProcCpu {

  private static final double TICK_SECONDS = 0.01;

  private final long pid;

  ProcCpu(long pid) {
    this.pid = pid;
  }

  /** The CPU seconds (user + system) the whole process used so far; NaN if unreadable. */
  double process() {
    return ticks(Path.of("/proc", Long.toString(pid), "stat"));
  }

  /** The CPU seconds of the process's threads named {@code name} (15 characters at most). */
  double threads(String name) {
    double sum = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          if (Files.readString(task.resolve("comm")).strip().equals(name)) {
            sum += ticks(task.resolve("stat"));
          }
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
      return sum;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /**
   * The CPU seconds of every thread group: threads whose names differ only in their digits (the
   * garbage collector's workers, the JIT compilers, the preparation helpers) summed together.
   */
  Map<String, Double> byThreadGroup() {
    Map<String, Double> groups = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String group = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "N");
          double seconds = ticks(task.resolve("stat"));
          if (!Double.isNaN(seconds)) {
            groups.merge(group, seconds, Double::sum);
          }
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      // the process is gone: nothing to report
    }
    return groups;
  }

  private static double ticks(Path stat) {
    try {
      String text = Files.readString(stat);
      String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
      // after the name: state(3) ... utime(14) stime(15), numbered from pid(1)
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_SECONDS;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
