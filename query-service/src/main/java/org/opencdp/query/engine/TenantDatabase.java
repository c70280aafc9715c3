package org.opencdp.query.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.opencdp.query.lake.LakeVersion;
import org.opencdp.query.lake.LogicalTable;

/**
 * One tenant's in-memory DuckDB database: views {@code events} and {@code quarantine} over the
 * tenant's folders only, then locked down (guard layer 2) so that even SQL the parser never saw can
 * read no other file, attach nothing, load nothing and change no setting.
 */
final class TenantDatabase implements AutoCloseable {

  private final DuckDBConnection base;
  private final Path root;
  private final String tenantId;
  private final List<LogicalTable> tables;
  private final Map<String, List<Path>> viewFiles = new HashMap<>();
  private @Nullable LakeVersion viewVersion;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private final int maxIdle;
  private boolean closed;

  private TenantDatabase(
      DuckDBConnection base, Path root, String tenantId, List<LogicalTable> tables, int maxIdle) {
    this.base = base;
    this.maxIdle = maxIdle;
    this.root = root;
    this.tenantId = tenantId;
    this.tables = tables;
  }

  static TenantDatabase open(
      Path root, String tenantId, List<LogicalTable> tables, QueryProperties.DuckDb settings)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("jdbc_stream_results", "true");
    DuckDBConnection base =
        (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
    TenantDatabase database =
        new TenantDatabase(base, root, tenantId, tables, settings.idleConnections());
    try (Statement statement = base.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET threads = " + settings.threads());
      statement.execute("SET memory_limit = '" + settings.memoryLimit().toMegabytes() + "MB'");
      statement.execute("SET autoinstall_known_extensions = false");
      statement.execute("SET autoload_known_extensions = false");
      statement.execute("SET allowed_directories = " + database.allowedDirectories());
      statement.execute("SET enable_external_access = false");
      statement.execute("SET lock_configuration = true");
      database.emptyViews(statement); // connect() points them at the files it is given
    } catch (SQLException | RuntimeException e) {
      base.close();
      throw e;
    }
    return database;
  }

  /**
   * A connection of its own for one query, on this tenant's database: an idle one when there is
   * one. The views live in the database, not the connection, so a kept connection sees a refresh.
   * The views follow the newest listing seen: one older than the views' is not gone back to (its
   * files may have been compacted away since).
   */
  synchronized Connection connect(LakeVersion lake) throws SQLException {
    if (lake != viewVersion
        && (viewVersion == null || lake.listedAtNanos() - viewVersion.listedAtNanos() > 0)) {
      try (Statement statement = base.createStatement()) {
        refreshViews(statement, lake);
      }
    }
    Connection kept = idle.pollFirst();
    return kept != null ? kept : base.duplicate();
  }

  /**
   * Hands a connection back after its query: kept for the next one when the query ended cleanly and
   * fewer than {@code maxIdle} wait, closed otherwise (a failed or cancelled query leaves nothing
   * behind to trip over).
   */
  void release(Connection connection, boolean reusable) {
    synchronized (this) {
      if (reusable && !closed && idle.size() < maxIdle) {
        idle.addFirst(connection);
        return;
      }
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing a duplicate of a closed database: nothing left to release
    }
  }

  /**
   * Each view reads exactly the listed files of its table, so what a query reads is what the
   * listing chose (a compacted file, not its inputs, while both are there); a table without files
   * gets an empty view with the same columns, so a new tenant's queries work before its first event
   * lands. Only a view whose files changed is replaced: binding one reads every file's metadata.
   */
  private void refreshViews(Statement statement, LakeVersion lake) throws SQLException {
    for (LogicalTable table : tables) {
      List<Path> files = lake.files(table.name());
      if (files.equals(viewFiles.get(table.name()))) {
        continue;
      }
      statement.execute(
          "CREATE OR REPLACE VIEW "
              + table.name()
              + " AS "
              + (files.isEmpty() ? empty(table) : overFiles(table, files)));
      viewFiles.put(table.name(), files);
    }
    viewVersion = lake;
  }

  private void emptyViews(Statement statement) throws SQLException {
    for (LogicalTable table : tables) {
      statement.execute("CREATE OR REPLACE VIEW " + table.name() + " AS " + empty(table));
      viewFiles.put(table.name(), List.of());
    }
  }

  private String overFiles(LogicalTable table, List<Path> files) {
    String list =
        files.stream().map(f -> literal(f.toString())).collect(Collectors.joining(", ", "[", "]"));
    String columns =
        table.columns().stream()
            .map(
                c ->
                    c.converted()
                        ? "CAST(" + quote(c.name()) + " AS " + c.type() + ") AS " + quote(c.name())
                        : quote(c.name())) // uncast, so filters reach the Parquet reader
            .collect(Collectors.joining(", "));
    return "SELECT "
        + columns
        + " FROM read_parquet("
        + list
        + ", hive_partitioning = true, hive_types = {"
        + literal(table.dateKey())
        + ": DATE})";
  }

  private static String empty(LogicalTable table) {
    String columns =
        table.columns().stream()
            .map(c -> "CAST(NULL AS " + c.type() + ") AS " + quote(c.name()))
            .collect(Collectors.joining(", "));
    return "SELECT " + columns + " WHERE false";
  }

  /**
   * The tenant's folders, each with a trailing slash so {@code acme} does not admit {@code acme-2}.
   */
  private String allowedDirectories() {
    return tables.stream()
        .map(t -> literal(t.tenantFolder(root, tenantId) + "/"))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  @Override
  public void close() throws SQLException {
    synchronized (this) {
      closed = true;
      for (Connection connection : idle) {
        connection.close();
      }
      idle.clear();
    }
    base.close();
  }
}
