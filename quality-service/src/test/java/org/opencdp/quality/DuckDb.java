package org.opencdp.quality;

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

/** An in-memory DuckDB, offline, for reading the lake back as any reader would. */
public final class DuckDb implements AutoCloseable {

  private final Connection connection;
  private final Path lake;

  public DuckDb(Path lake) {
    this.lake = lake.toAbsolutePath();
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = connection.createStatement()) {
        s.execute("SET autoinstall_known_extensions=false");
        s.execute("SET autoload_known_extensions=false");
        s.execute("SET threads=2");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code read_parquet} over every visible file of a table, with Hive partitions. */
  public String table(String folder) {
    return "read_parquet('" + lake.resolve(folder) + "/**/*.parquet', hive_partitioning=true)";
  }

  /** Runs {@code sql} with {@code {events}} standing for the events table; rows as maps. */
  public List<Map<String, Object>> query(String sql) {
    String resolved =
        sql.replace("{events}", table("events")).replace("{quarantine}", table("quarantine"));
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(resolved)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(resolved + ": " + e.getMessage(), e);
    }
  }

  /** Like {@link #query}, but empty while the table has no complete file yet. */
  public List<Map<String, Object>> queryIfAny(String sql) {
    try {
      return query(sql);
    } catch (IllegalStateException e) {
      if (String.valueOf(e.getMessage()).contains("No files found")) {
        return List.of();
      }
      throw e;
    }
  }

  /** The single value of a one-row, one-column query. */
  public Object value(String sql) {
    return query(sql).get(0).values().iterator().next();
  }

  /** count(*) of the events table, 0 while it has no files yet. */
  public long countEvents() {
    if (!java.nio.file.Files.isDirectory(lake.resolve("events"))) {
      return 0;
    }
    try {
      return ((Number) value("select count(*) from {events}")).longValue();
    } catch (IllegalStateException e) {
      if (e.getMessage().contains("No files found")) {
        return 0;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
