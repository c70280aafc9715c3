package org.opencdp.query.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.query.lake.LakeVersion;
import org.opencdp.query.lake.LogicalTable;
import org.opencdp.query.lake.TenantLake;
import org.opencdp.servicekit.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The Trino engine: each tenant has a schema {@code t_<tenant>} in the Hive catalog whose external
 * tables read only the tenant's lake folders, and queries run as the tenant's own Trino user with
 * that schema as default, so Trino's access control (see {@link TrinoAccessRules}) holds even for
 * SQL the guard never saw. New partition folders are synced before a query that needs them and in
 * the background.
 */
@Component
@ConditionalOnBooleanProperty("cdp.query.trino.enabled")
public class TrinoEngine implements QueryEngine {

  private static final Logger log = LoggerFactory.getLogger(TrinoEngine.class);
  private static final Duration RULES_POLL = Duration.ofMillis(200);
  private static final Duration WORKERS_POLL = Duration.ofMillis(250);

  private final QueryProperties.Trino settings;
  private final TenantLake lake;
  private final Cancellations cancellations;
  private final Map<String, String> syncedPartitions = new ConcurrentHashMap<>();
  private final @Nullable TrinoRulesFile rules;
  private final CompactionFence fence;

  public TrinoEngine(QueryProperties properties, TenantLake lake, Cancellations cancellations) {
    this.settings = properties.trino();
    this.lake = lake;
    this.cancellations = cancellations;
    this.fence = new CompactionFence(lake);
    this.rules =
        settings.rulesFile().isBlank()
            ? null
            : new TrinoRulesFile(
                Path.of(settings.rulesFile()), settings.adminUser(), settings.catalog(), lake);
  }

  @Override
  public String name() {
    return "trino";
  }

  /**
   * Runs the query, again while Trino has no active node for the lake ({@link #whileNoWorkers}),
   * between two listings of the tenant's lake that no compaction overlapped ({@link
   * CompactionFence}): Trino's Hive connector lists the folders itself.
   */
  @Override
  public QueryResult execute(TenantQuery query) {
    prepare(query.tenantId(), query.lake());
    Duration wait =
        settings.workersWait().compareTo(query.timeout()) < 0
            ? settings.workersWait()
            : query.timeout();
    return fence.run(
        query.tenantId(),
        query.lake(),
        () -> whileNoWorkers(() -> attempt(query), wait, WORKERS_POLL));
  }

  private QueryResult attempt(TenantQuery query) {
    try (Connection connection = connect(TrinoNames.user(query.tenantId()), query.tenantId())) {
      return cancellations.run(connection, query, name());
    } catch (SQLException e) {
      throw EngineErrors.translate(e, false, name());
    }
  }

  /**
   * Runs {@code attempt} again while it fails for want of an active Trino node serving the catalog
   * ({@code engine-unavailable}: nothing ran, so a read-only query may simply run again), for at
   * most {@code wait}; any other failure, or the last one, goes to the caller. A Trino that has
   * just started can answer {@code SELECT 1} and list itself as an active node before its node list
   * shows the catalogs it announced (an active node without a {@code catalogHandleIds} announcement
   * serves only the system catalog): query-service's CI met it once after test-kit's readiness
   * check had passed, and a lake query failed so once in eight starts on two busy cores.
   */
  static <T> T whileNoWorkers(Supplier<T> attempt, Duration wait, Duration poll) {
    long start = System.nanoTime();
    long deadline = start + wait.toNanos();
    for (int retries = 0; ; retries++) {
      try {
        T answer = attempt.get();
        if (retries > 0) {
          log.info(
              "Trino had no active node for the lake; the query ran after {} retries ({} ms)",
              retries,
              (System.nanoTime() - start) / 1_000_000);
        }
        return answer;
      } catch (ProblemException e) {
        if (e.code() != QueryErrorCode.ENGINE_UNAVAILABLE
            || System.nanoTime() + poll.toNanos() > deadline) {
          throw e;
        }
        log.debug("Trino has no active node for the lake yet; retrying in {}", poll);
      }
      sleepOrStop(poll);
    }
  }

  static void sleepOrStop(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(QueryErrorCode.ENGINE_UNAVAILABLE, "interrupted", e);
    }
  }

  /** Creates the tenant's schema and tables once, and syncs partitions when folders changed. */
  void prepare(String tenantId, LakeVersion version) {
    if (version.partitions().equals(syncedPartitions.get(tenantId))) {
      return;
    }
    synchronized (this) {
      if (version.partitions().equals(syncedPartitions.get(tenantId))) {
        return;
      }
      try (Connection admin = connect(settings.adminUser(), null);
          Statement statement = admin.createStatement()) {
        String schema = TrinoNames.schema(tenantId);
        if (!syncedPartitions.containsKey(tenantId)) {
          statement.execute("CREATE SCHEMA IF NOT EXISTS " + settings.catalog() + "." + schema);
          for (LogicalTable table : lake.tables()) {
            Files.createDirectories(table.tenantFolder(lake.root(), tenantId));
            statement.execute(createTable(schema, table, tenantId));
          }
          if (rules != null && rules.admit(tenantId)) {
            awaitAccess(tenantId);
          }
        }
        for (LogicalTable table : lake.tables()) {
          statement.execute(
              "CALL "
                  + settings.catalog()
                  + ".system.sync_partition_metadata('"
                  + schema
                  + "', '"
                  + table.name()
                  + "', 'FULL')");
        }
        syncedPartitions.put(tenantId, version.partitions());
      } catch (SQLException | IOException e) {
        log.error("Cannot prepare Trino tables for tenant {}", tenantId, e);
        throw new ProblemException(
            QueryErrorCode.ENGINE_UNAVAILABLE, "the Trino engine is not reachable or not ready", e);
      }
    }
  }

  /**
   * Waits until Trino has reloaded the rules that list a new tenant (it rereads the file every
   * {@code security.refresh-period}), so the tenant's first query is not refused.
   */
  private void awaitAccess(String tenantId) {
    long deadline = System.nanoTime() + settings.rulesWait().toNanos();
    String probe = "SELECT 1 FROM " + lake.tables().get(0).name() + " WHERE false";
    while (true) {
      try (Connection connection = connect(TrinoNames.user(tenantId), tenantId);
          Statement statement = connection.createStatement()) {
        statement.execute(probe);
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new ProblemException(
              QueryErrorCode.ENGINE_UNAVAILABLE,
              "Trino has not yet reloaded the access rules for this tenant; retry shortly",
              e);
        }
      }
      try {
        Thread.sleep(RULES_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProblemException(QueryErrorCode.ENGINE_UNAVAILABLE, "interrupted", e);
      }
    }
  }

  /** Picks up partition folders that appeared since the last query, so queries need not wait. */
  @Scheduled(
      fixedDelayString = "${cdp.query.trino.sync-interval:60s}",
      initialDelayString = "${cdp.query.trino.sync-interval:60s}")
  void syncKnownTenants() {
    for (String tenantId : syncedPartitions.keySet()) {
      try {
        prepare(tenantId, lake.version(tenantId));
      } catch (RuntimeException e) {
        log.warn("Background partition sync failed for tenant {}", tenantId, e);
      }
    }
  }

  private String createTable(String schema, LogicalTable table, String tenantId) {
    String columns =
        table.columns().stream()
            .map(c -> c.name() + " " + trinoType(c.type()))
            .collect(Collectors.joining(", "));
    return "CREATE TABLE IF NOT EXISTS "
        + settings.catalog()
        + "."
        + schema
        + "."
        + table.name()
        + " ("
        + columns
        + ") WITH (format = 'PARQUET', external_location = '"
        + settings.location()
        + table.tenantLocation(tenantId)
        + "', partitioned_by = ARRAY['"
        + table.dateKey()
        + "'])";
  }

  private static String trinoType(String type) {
    return type.equals("TIMESTAMP") ? "timestamp(6)" : type.toLowerCase(java.util.Locale.ROOT);
  }

  private Connection connect(String user, String tenantId) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("catalog", settings.catalog());
    if (tenantId != null) {
      properties.setProperty("schema", TrinoNames.schema(tenantId));
    }
    properties.setProperty("timezone", "UTC");
    properties.setProperty("source", "opencdp-query-service");
    return DriverManager.getConnection(settings.url(), properties);
  }
}
