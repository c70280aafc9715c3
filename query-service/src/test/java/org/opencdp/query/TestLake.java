package org.opencdp.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencdp.event.lake.LakeFiles;

/**
 * Writes real Parquet files in the lake layout (ARCHITECTURE §6) with DuckDB's partitioned COPY,
 * the way quality-service lays them out: {@code events/tenant_id=<t>/event_date=<d>/*.parquet}.
 */
public final class TestLake {

  private final Path root;

  public TestLake(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public static TestLake fresh(String name) {
    return new TestLake(Path.of("target", "test-lakes", name + "-" + UUID.randomUUID()));
  }

  public Path root() {
    return root;
  }

  /**
   * {@code rows} events for the tenant over three days from 2026-12-01: every third row an {@code
   * Order Completed} with revenue {@code 1.5 * i}, users {@code u0..u6}, regions eu/us.
   */
  public TestLake events(String tenantId, int rows) {
    return events(tenantId, 0, rows);
  }

  /** Events {@code from..to-1} as {@link #events(String, int)} lays them out. */
  public TestLake events(String tenantId, long from, long to) {
    copy("events", "tenant_id, event_date", eventRows(tenantId, from, to));
    return this;
  }

  /** The events table's folder of one tenant and day. */
  public Path eventsDay(String tenantId, LocalDate day) {
    return root.resolve("events").resolve("tenant_id=" + tenantId).resolve("event_date=" + day);
  }

  /**
   * One complete file of events {@code from..to-1} (message ids {@code m-<tenant>-<i>}) in the
   * day's folder, written under a hidden name and renamed into place, as quality-service does.
   */
  public Path part(String tenantId, LocalDate day, long from, long to) {
    Path folder = eventsDay(tenantId, day);
    Path done =
        folder.resolve("part-" + System.currentTimeMillis() + "-" + UUID.randomUUID() + ".parquet");
    write(
        "SELECT * EXCLUDE (tenant_id, event_date) FROM (" + eventRows(tenantId, from, to) + ")",
        folder,
        "",
        done);
    return done;
  }

  /** What {@link #compact} wrote: the compacted file, and the inputs it has not yet removed. */
  public record Compaction(Path merged, List<Path> inputs) {

    /** The last step of compaction: its inputs go once the compacted file is in place. */
    public void deleteInputs() {
      for (Path input : inputs) {
        try {
          Files.deleteIfExists(input);
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /**
   * Compacts the folder's complete files the way ARCHITECTURE §6 says, but stops before deleting
   * the inputs: one file {@code compact-<millis>-<uuid>.parquet} naming them in its footer, written
   * under a hidden name and renamed into place. Null when the folder has fewer than two files.
   */
  public Compaction compact(Path folder) {
    List<Path> inputs;
    try (Stream<Path> files = Files.list(folder)) {
      inputs =
          files.filter(f -> LakeFiles.isComplete(f.getFileName().toString())).sorted().toList();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    if (inputs.size() < 2) {
      return null;
    }
    String footer =
        LakeFiles.compactedFromValue(inputs.stream().map(f -> f.getFileName().toString()).toList());
    Path merged =
        folder.resolve(
            LakeFiles.COMPACTED_PREFIX
                + System.currentTimeMillis()
                + "-"
                + UUID.randomUUID()
                + LakeFiles.SUFFIX);
    String list =
        inputs.stream()
            .map(f -> "'" + f.toString().replace("'", "''") + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    write(
        "SELECT * FROM read_parquet(" + list + ")",
        folder,
        ", KV_METADATA {'"
            + LakeFiles.COMPACTED_FROM_KEY
            + "': '"
            + footer.replace("'", "''")
            + "'}",
        merged);
    return new Compaction(merged, inputs);
  }

  private static void write(String select, Path folder, String options, Path done) {
    Path hidden = folder.resolve("." + done.getFileName() + ".inprogress");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      Files.createDirectories(folder);
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute(
          "COPY (" + select + ") TO '" + hidden + "' (FORMAT PARQUET" + options + ")");
      Files.move(hidden, done, StandardCopyOption.ATOMIC_MOVE);
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("Cannot write a lake file", e);
    }
  }

  private static String eventRows(String tenantId, long from, long to) {
    return "SELECT 'm-' || '"
        + tenantId
        + "-' || i AS message_id, 'track' AS type,"
        + " ['Order Completed', 'Page Viewed', 'Signed Up'][1 + i % 3] AS event,"
        + " 'u' || (i % 7) AS user_id, NULL::VARCHAR AS anonymous_id,"
        + " ((DATE '2026-12-01' + (i % 3)::INTEGER)::TIMESTAMP + to_seconds(i))::TIMESTAMPTZ"
        + " AS ts,"
        + " TIMESTAMPTZ '2026-12-04 00:00:00+00' AS received_at, 'web' AS source_id,"
        + " '{\"i\":' || i || '}' AS properties, '{}' AS traits, '{}' AS context,"
        + " CASE WHEN i % 3 = 0 THEN 'o-' || i END AS order_id,"
        + " CASE WHEN i % 3 = 0 THEN 1.5 * i END::DOUBLE AS revenue,"
        + " CASE WHEN i % 3 = 0 THEN 'EUR' END AS currency,"
        + " 'p' || (i % 5) AS product_id, NULL::VARCHAR AS sku,"
        + " ['books', 'games'][1 + i % 2] AS category, (i % 10)::DOUBLE AS price,"
        + " (i % 4)::BIGINT AS quantity, 'web' AS channel, 'DE' AS country,"
        + " ['eu', 'us'][1 + i % 2] AS region, 'Berlin' AS city, 'de-DE' AS locale,"
        + " '"
        + tenantId
        + "' AS tenant_id, DATE '2026-12-01' + (i % 3)::INTEGER AS event_date"
        + " FROM range("
        + from
        + ", "
        + to
        + ") t(i)";
  }

  /** {@code rows} quarantined events for the tenant on 2026-12-02. */
  public TestLake quarantine(String tenantId, int rows) {
    copy(
        "quarantine",
        "tenant_id, received_date",
        "SELECT 'q-' || i AS id, 'm-q-' || i AS message_id, 'web' AS source_id,"
            + " 'rules' AS stage, 'Order Completed' AS event,"
            + " 'required_missing' AS reason_codes, '[]' AS reasons, '{}' AS payload,"
            + " TIMESTAMPTZ '2026-12-02 08:00:00+00' AS received_at, 'cdp.raw.events' AS"
            + " source_topic, 0::BIGINT AS source_partition, i::BIGINT AS source_offset,"
            + " '{}' AS rule_versions, '"
            + tenantId
            + "' AS tenant_id, DATE '2026-12-02' AS received_date FROM range("
            + rows
            + ") t(i)");
    return this;
  }

  private void copy(String table, String partitionBy, String select) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      Files.createDirectories(root.resolve(table));
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute(
          "COPY ("
              + select
              + ") TO '"
              + root.resolve(table)
              + "' (FORMAT PARQUET, PARTITION_BY ("
              + partitionBy
              + "), APPEND, FILENAME_PATTERN 'part-{uuid}')");
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("Cannot write the test lake", e);
    }
  }
}
