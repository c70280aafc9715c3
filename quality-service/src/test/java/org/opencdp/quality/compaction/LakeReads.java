package org.opencdp.quality.compaction;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencdp.event.lake.EventRow;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.DuckDb;
import org.opencdp.quality.TestEvents;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.SourceCoverage;
import org.opencdp.quality.lake.SourcePartition;
import org.springframework.util.unit.DataSize;

/** Reading and writing a test lake as a protocol reader and the intake would. */
public final class LakeReads {

  private LakeReads() {}

  public static LakeProperties properties(Path root) {
    return new LakeProperties(
        root, DataSize.ofMegabytes(64), Duration.ofSeconds(2), 1000, DataSize.ofMegabytes(8));
  }

  /** count(*) and count(DISTINCT message_id) over {@code files}, or null when there are none. */
  public static long[] counts(DuckDb duck, List<Path> files) {
    if (files.isEmpty()) {
      return new long[] {0, 0};
    }
    Map<String, Object> row =
        duck.query("select count(*) n, count(distinct message_id) d from " + readParquet(files))
            .get(0);
    return new long[] {((Number) row.get("n")).longValue(), ((Number) row.get("d")).longValue()};
  }

  /** {@code read_parquet([...])} over an explicit file list, with Hive partition columns. */
  public static String readParquet(List<Path> files) {
    return "read_parquet(["
        + files.stream().map(f -> "'" + f.toAbsolutePath() + "'").collect(Collectors.joining(","))
        + "], hive_partitioning=true)";
  }

  /**
   * The events counts a protocol reader sees: lists with {@link Lake#files}, then reads that list;
   * lists again when a listed file was compacted away before DuckDB opened it.
   */
  public static long[] protocolCounts(DuckDb duck, Lake lake) {
    for (int attempt = 1; ; attempt++) {
      try {
        return counts(duck, lake.files(LakeTable.EVENTS));
      } catch (IllegalStateException e) {
        if (!vanished(e) || attempt >= 10) {
          throw e;
        }
      }
    }
  }

  /** Whether DuckDB failed because a listed file was gone when it opened it. */
  public static boolean vanished(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("No such file")
        || message.contains("Cannot open file")
        || message.contains("No files found that match the pattern");
  }

  /**
   * Writes one events file of {@code count} orders {@code prefix-from..}, with ts spread over the
   * day out of order, recording offsets {@code from..from+count-1} of {@code topic}-0.
   */
  public static LakeFile writeOrders(
      LakeWriter writer,
      String tenant,
      LocalDate day,
      String topic,
      String prefix,
      int from,
      int count) {
    List<EventRow> rows = new ArrayList<>();
    SourceCoverage coverage = new SourceCoverage();
    Instant midnight = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    for (int i = from; i < from + count; i++) {
      long second = (i * 7919L) % 86_000; // a permutation-like spread, not in offset order
      rows.add(
          EventRow.of(
              TestEvents.order(
                  tenant, prefix + i, midnight.plusSeconds(second).plusNanos(i * 1000L), i)));
      coverage.add(new SourcePartition(topic, 0), i);
    }
    return writer.writeEvents(tenant, day, rows, coverage);
  }

  public static LakeWriter writer(Path root) {
    return new LakeWriter(properties(root), Clock.systemUTC());
  }
}
