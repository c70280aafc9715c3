package org.opencdp.query.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How queries run ({@code cdp.query.*}).
 *
 * @param engine the engine a request gets when it names none: {@code duckdb} or {@code trino}
 * @param defaultMaxRows rows returned when a request sets no {@code maxRows}
 * @param maxRowsCap the most rows any request may ask for
 * @param defaultTimeout a query's time limit when the request sets no {@code timeoutMs}
 * @param maxTimeout the longest time limit a request may ask for
 * @param maxConcurrent queries running at once across all tenants; more wait {@code queueWait}
 * @param queueWait how long a query waits for a free slot before it gets 429
 * @param maxSqlLength the longest SQL text accepted, in characters
 * @param lakeListingTtl how long one listing of a tenant's lake files is reused (for the cache key
 *     and the empty-table check): new files become queryable after at most this long
 * @param guard guard layer 1 (the SQL parser check)
 * @param duckdb the embedded DuckDB engine
 * @param trino the Trino engine
 * @param cache the result cache
 */
@ConfigurationProperties("cdp.query")
public record QueryProperties(
    @DefaultValue("duckdb") String engine,
    @DefaultValue("1000") int defaultMaxRows,
    @DefaultValue("100000") int maxRowsCap,
    @DefaultValue("30s") Duration defaultTimeout,
    @DefaultValue("5m") Duration maxTimeout,
    @DefaultValue("4") int maxConcurrent,
    @DefaultValue("2s") Duration queueWait,
    @DefaultValue("100000") int maxSqlLength,
    @DefaultValue("1s") Duration lakeListingTtl,
    @DefaultValue Guard guard,
    @DefaultValue DuckDb duckdb,
    @DefaultValue Trino trino,
    @DefaultValue Cache cache) {

  public QueryProperties {
    require(defaultMaxRows >= 1 && defaultMaxRows <= maxRowsCap, "default-max-rows");
    require(maxConcurrent >= 1, "max-concurrent");
    require(
        !defaultTimeout.isNegative()
            && !defaultTimeout.isZero()
            && maxTimeout.compareTo(defaultTimeout) >= 0,
        "timeouts");
  }

  /**
   * @param enabled whether SQL is parsed and checked before an engine sees it
   * @param cacheEntries admitted SQL texts whose checked form is kept, so a repeated query is not
   *     parsed again (0: none)
   */
  public record Guard(
      @DefaultValue("true") boolean enabled, @DefaultValue("1000") int cacheEntries) {}

  /**
   * @param threads DuckDB worker threads per tenant database
   * @param memoryLimit DuckDB memory limit per tenant database
   * @param maxTenants tenant databases kept open; the least recently used is closed beyond it
   * @param idleConnections connections kept open per tenant database between queries
   */
  public record DuckDb(
      @DefaultValue("2") int threads,
      @DefaultValue("1GB") DataSize memoryLimit,
      @DefaultValue("32") int maxTenants,
      @DefaultValue("4") int idleConnections) {}

  /**
   * @param enabled whether the Trino engine is offered
   * @param url the Trino JDBC URL
   * @param catalog the Hive catalog over the lake
   * @param adminUser the Trino user that creates tenant schemas and syncs partitions
   * @param location how Trino names the lake root ({@code local:///} for a local lake)
   * @param syncInterval how often partitions of known tenants are synced in the background
   * @param rulesFile the rules.json of a Trino whose etc folder query-service manages (a local
   *     one): a tenant seen for the first time is added to it; empty when the rules are managed
   *     elsewhere and list every tenant already
   * @param rulesWait how long a new tenant's first query waits for Trino to reload the rules (its
   *     {@code security.refresh-period})
   * @param workersWait how long a query that Trino could not schedule for want of an active node
   *     serving the catalog (a coordinator that has not yet announced its catalogs, workers lost)
   *     is retried before the caller gets 503 {@code engine-unavailable}; never longer than the
   *     query's own timeout
   */
  public record Trino(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("jdbc:trino://localhost:8090") String url,
      @DefaultValue("lake") String catalog,
      @DefaultValue("cdp") String adminUser,
      @DefaultValue("local:///") String location,
      @DefaultValue("60s") Duration syncInterval,
      @DefaultValue("") String rulesFile,
      @DefaultValue("10s") Duration rulesWait,
      @DefaultValue("15s") Duration workersWait) {}

  /**
   * @param enabled whether results are cached until the tenant's lake changes
   * @param maxEntries results kept
   * @param maxRows results with more rows than this are not cached
   */
  public record Cache(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1000") int maxEntries,
      @DefaultValue("10000") int maxRows) {}

  private static void require(boolean condition, String key) {
    if (!condition) {
      throw new IllegalArgumentException("cdp.query." + key + " is out of range");
    }
  }
}
