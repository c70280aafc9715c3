package org.opencdp.bench.quality;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks at the lake the way an analyst would: DuckDB over {@code <lake>/<table>/**}{@code
 * /*.parquet} with Hive partitioning, one thread so that watching costs the service little CPU.
 */
final class LakeWatch implements AutoCloseable {

  private final Connection duck;
  private final String events;
  private final String quarantine;

  private final String rawTopic;

  LakeWatch(Path lake, String rawTopic) throws SQLException {
    this.rawTopic = rawTopic.replace("'", "''");
    this.duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duck.createStatement()) {
      s.execute("SET threads=1");
    }
    this.events = glob(lake, "events");
    this.quarantine = glob(lake, "quarantine");
  }

  private static String glob(Path lake, String table) {
    return lake.resolve(table).toAbsolutePath().toString().replace("'", "''") + "/**/*.parquet";
  }

  private static String scan(String glob) {
    return "read_parquet('" + glob + "', hive_partitioning=true)";
  }

  /** Rows in the events table; 0 while it has no file. */
  long eventRows() throws SQLException {
    return count(events);
  }

  /**
   * Quarantine rows that came from the raw topic; 0 while it has no file. Rows the quarantine
   * intake lands from {@code cdp.quarantine.events} are not counted: here they can only be copies
   * of the raw intake's own refusals.
   */
  long quarantineRows() throws SQLException {
    if (files(quarantine).isEmpty()) {
      return 0;
    }
    return single(
        "select count(*) from " + scan(quarantine) + " where source_topic = '" + rawTopic + "'");
  }

  private long count(String glob) throws SQLException {
    if (files(glob).isEmpty()) {
      return 0;
    }
    return single("select count(*) from " + scan(glob));
  }

  /** The events files a glob over the lake sees now. */
  List<String> eventFiles() throws SQLException {
    return files(events);
  }

  private List<String> files(String glob) throws SQLException {
    List<String> files = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery("select file from glob('" + glob + "')")) {
      while (rs.next()) {
        files.add(rs.getString(1));
      }
    }
    return files;
  }

  /** Epoch microseconds of receipt of the rows of these files whose messageId has the prefix. */
  List<Long> receivedMicros(List<String> files, String messageIdPrefix) throws SQLException {
    StringBuilder list = new StringBuilder("[");
    for (String f : files) {
      list.append(list.length() > 1 ? "," : "").append('\'').append(f.replace("'", "''"));
      list.append('\'');
    }
    String sql =
        "select epoch_us(received_at) from read_parquet("
            + list
            + "]) where starts_with(message_id, '"
            + messageIdPrefix.replace("'", "''")
            + "')";
    List<Long> out = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  /** Quarantined rows by reason codes, and flagged events, for the report. */
  Map<String, Long> outcomes() throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("events", eventRows());
    out.put(
        "events flagged",
        single(
            "select count(*) from "
                + scan(events)
                + " where json_extract(context, '$.opencdp_quality.flagged') = 'true'"));
    try (Statement s = duck.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select source_topic, tenant_id, stage, reason_codes, count(*) from "
                    + scan(quarantine)
                    + " group by all order by 5 desc")) {
      while (rs.next()) {
        out.put(
            "quarantine from "
                + rs.getString(1)
                + ", tenant "
                + rs.getString(2)
                + ", stage "
                + rs.getString(3)
                + ": "
                + rs.getString(4),
            rs.getLong(5));
      }
    }
    return out;
  }

  private long single(String sql) throws SQLException {
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    duck.close();
  }
}
