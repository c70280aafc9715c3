package org.opencdp.query.engine;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.query.lake.LakeVersion;
import org.opencdp.query.lake.TenantLake;
import org.opencdp.servicekit.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The embedded engine: one locked-down in-memory DuckDB database per tenant, kept open for the most
 * recently active tenants, with a few idle connections on each kept for the next query.
 */
@Component
public class DuckDbEngine implements QueryEngine, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DuckDbEngine.class);

  private final TenantLake lake;
  private final QueryProperties.DuckDb settings;
  private final Cancellations cancellations;
  private final Map<String, TenantDatabase> databases;

  public DuckDbEngine(TenantLake lake, QueryProperties properties, Cancellations cancellations) {
    this.lake = lake;
    this.settings = properties.duckdb();
    this.cancellations = cancellations;
    this.databases = new LinkedHashMap<>(16, 0.75f, true);
  }

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public QueryResult execute(TenantQuery query) {
    TenantDatabase database = database(query);
    Connection connection;
    try {
      connection = database.connect(query.lake());
    } catch (SQLException e) {
      throw EngineErrors.translate(e, false, name());
    }
    boolean clean = false;
    try {
      QueryResult result = cancellations.run(connection, query, name());
      clean = true;
      return result;
    } catch (ProblemException e) {
      throw e.code() == QueryErrorCode.QUERY_FAILED && anyGone(query.lake()) ? lakeChanged(e) : e;
    } finally {
      database.release(connection, clean);
    }
  }

  /**
   * Whether a listed file is gone. DuckDB words a file that vanished while its query was streaming
   * as {@code Invalid result set}, losing the cause: a failed query over a listing that lost a file
   * is taken for one that compaction overtook.
   */
  private static boolean anyGone(LakeVersion lake) {
    return lake.files().values().stream().flatMap(List::stream).anyMatch(Files::notExists);
  }

  private static ProblemException lakeChanged(ProblemException cause) {
    return new ProblemException(
            QueryErrorCode.LAKE_CHANGED,
            "files the query was to read were compacted away while it ran; retry",
            cause)
        .header("Retry-After", "1");
  }

  private TenantDatabase database(TenantQuery query) {
    synchronized (databases) {
      TenantDatabase database = databases.get(query.tenantId());
      if (database != null) {
        return database;
      }
      try {
        database = TenantDatabase.open(lake.root(), query.tenantId(), lake.tables(), settings);
      } catch (SQLException e) {
        log.error("Cannot open a DuckDB database for tenant {}", query.tenantId(), e);
        throw new ProblemException(
            QueryErrorCode.ENGINE_UNAVAILABLE, "the DuckDB engine cannot start", e);
      }
      databases.put(query.tenantId(), database);
      evictBeyond(settings.maxTenants());
      return database;
    }
  }

  private void evictBeyond(int max) {
    var oldest = databases.entrySet().iterator();
    while (databases.size() > max && oldest.hasNext()) {
      TenantDatabase evicted = oldest.next().getValue();
      oldest.remove();
      closeQuietly(evicted);
    }
  }

  private static void closeQuietly(TenantDatabase database) {
    try {
      database.close();
    } catch (SQLException e) {
      log.warn("Closing a tenant database failed", e);
    }
  }

  @Override
  public void destroy() {
    synchronized (databases) {
      databases.values().forEach(DuckDbEngine::closeQuietly);
      databases.clear();
    }
  }
}
