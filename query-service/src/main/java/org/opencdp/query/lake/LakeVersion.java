package org.opencdp.query.lake;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tenant's lake looks like right now, cheaply: a digest of its complete files' names, sizes
 * and modification times, and the files a reader reads, table by table.
 *
 * @param digest changes whenever a file of the tenant appears, disappears or changes
 * @param partitions changes only when a partition folder holding files appears or disappears (what
 *     an engine with a partition catalog must sync)
 * @param files per logical table name, the files to read: the complete Parquet files less those a
 *     compacted file among them replaces (ARCHITECTURE §6), sorted
 * @param listedAtNanos when the listing was taken ({@link System#nanoTime}), to tell the newer of
 *     two listings
 * @param superseded complete files listed beside a compacted file that replaces them: a compaction
 *     renamed into place whose deletes are still to come (a reader following the protocol skips
 *     them; an engine that lists folders itself would read their rows twice)
 */
public record LakeVersion(
    String digest,
    String partitions,
    Map<String, List<Path>> files,
    long listedAtNanos,
    int superseded) {

  public LakeVersion {
    Map<String, List<Path>> copy = new LinkedHashMap<>();
    files.forEach((table, paths) -> copy.put(table, List.copyOf(paths)));
    files = java.util.Collections.unmodifiableMap(copy);
  }

  /** The files to read for this table; empty when it has none. */
  public List<Path> files(String table) {
    return files.getOrDefault(table, List.of());
  }

  public boolean hasFiles(String table) {
    return !files(table).isEmpty();
  }

  /**
   * Whether every file this version reads is still read by {@code later}: no compaction replaced or
   * removed any of them in between (new files may have come).
   */
  public boolean stillReadIn(LakeVersion later) {
    for (Map.Entry<String, List<Path>> table : files.entrySet()) {
      List<Path> now = later.files(table.getKey());
      if (!new java.util.HashSet<>(now).containsAll(table.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** How many files each table reads. */
  public Map<String, Integer> filesPerTable() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    files.forEach((table, paths) -> counts.put(table, paths.size()));
    return counts;
  }
}
