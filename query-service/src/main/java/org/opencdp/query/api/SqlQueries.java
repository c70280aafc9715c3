package org.opencdp.query.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.query.engine.QueryEngine;
import org.opencdp.query.engine.QueryProperties;
import org.opencdp.query.engine.QueryResult;
import org.opencdp.query.engine.TenantQuery;
import org.opencdp.query.lake.LakeVersion;
import org.opencdp.query.lake.LogicalTables;
import org.opencdp.query.lake.TenantLake;
import org.opencdp.query.sql.GuardedSql;
import org.opencdp.query.sql.SqlGuard;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.springframework.stereotype.Service;

/**
 * A tenant's SQL from request to result: checked by the guard, bounded in rows, time and
 * concurrency, answered from the cache while the tenant's lake is unchanged, run on the chosen
 * engine.
 */
@Service
public class SqlQueries {

  /** Retries of a query whose listed files compaction removed meanwhile. */
  static final int LAKE_RETRIES = 2;

  private final QueryProperties properties;
  private final SqlGuard guard;
  private final TenantLake lake;
  private final Map<String, QueryEngine> engines;
  private final ResultCache cache;
  private final Semaphore slots;
  private final Map<String, GuardedSql> checked;

  SqlQueries(
      QueryProperties properties,
      LogicalTables tables,
      TenantLake lake,
      List<QueryEngine> engines,
      ResultCache cache) {
    this.properties = properties;
    this.guard = new SqlGuard(tables.names(), properties.maxSqlLength());
    this.lake = lake;
    this.engines =
        engines.stream().collect(Collectors.toMap(QueryEngine::name, Function.identity()));
    this.cache = cache;
    this.slots = new Semaphore(properties.maxConcurrent(), true);
    int maxChecked = properties.guard().cacheEntries();
    this.checked =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, GuardedSql> eldest) {
            return size() > maxChecked;
          }
        };
  }

  /** Runs the request for {@code tenantId}; every failure is a {@link ProblemException}. */
  public QueryResponse run(String tenantId, QueryRequest request) {
    long started = System.nanoTime();
    String sql = require(request.sql());
    QueryEngine engine = engine(request.engine());
    List<Object> parameters = parameters(request.parameters());
    int maxRows = maxRows(request.maxRows());
    Duration timeout = timeout(request.timeoutMs());
    GuardedSql guarded = properties.guard().enabled() ? checked(sql) : unchecked(sql);
    if (guarded.parameters() >= 0 && guarded.parameters() != parameters.size()) {
      throw new ProblemException(
              QueryErrorCode.INVALID_PARAMETER,
              "sql has "
                  + guarded.parameters()
                  + " ? placeholders but "
                  + parameters.size()
                  + " parameters were given")
          .field("parameters");
    }
    LakeVersion version = lake.recentVersion(tenantId, properties.lakeListingTtl());
    Run run = new Run(tenantId, engine, guarded.sql(), parameters, maxRows, timeout);
    QueryResult result =
        cache.get(run.key(version)).orElseGet(() -> bounded(() -> followingTheLake(run, version)));
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    return QueryResponse.of(result, engine.name(), elapsedMs);
  }

  /** One request's query, to be run against a lake version. */
  private record Run(
      String tenantId,
      QueryEngine engine,
      String sql,
      List<Object> parameters,
      int maxRows,
      Duration timeout) {

    ResultCache.Key key(LakeVersion version) {
      return new ResultCache.Key(
          tenantId, engine.name(), sql, parameters, maxRows, version.digest());
    }

    TenantQuery query(LakeVersion version) {
      return new TenantQuery(tenantId, sql, parameters, maxRows, timeout, version);
    }
  }

  /**
   * Runs the query on the listed version; when compaction removed a listed file before the engine
   * opened it, lists again and runs again (at most {@value #LAKE_RETRIES} times). Results are built
   * in full before the response is written, so a client never sees a partial first try.
   */
  private QueryResult followingTheLake(Run run, LakeVersion listed) {
    LakeVersion version = listed;
    for (int attempt = 0; ; attempt++) {
      try {
        QueryResult fresh = run.engine().execute(run.query(version));
        cache.put(run.key(version), fresh);
        return fresh;
      } catch (ProblemException e) {
        if (e.code() != QueryErrorCode.LAKE_CHANGED || attempt == LAKE_RETRIES) {
          throw e;
        }
      }
      version = lake.relist(run.tenantId());
      var known = cache.get(run.key(version));
      if (known.isPresent()) {
        return known.get();
      }
    }
  }

  private QueryResult bounded(java.util.function.Supplier<QueryResult> work) {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(properties.queueWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(QueryErrorCode.ENGINE_UNAVAILABLE, "interrupted while waiting");
    }
    if (!acquired) {
      throw new ProblemException(
              QueryErrorCode.TOO_MANY_QUERIES,
              properties.maxConcurrent() + " queries are already running; retry shortly")
          .header("Retry-After", "1");
    }
    try {
      return work.get();
    } finally {
      slots.release();
    }
  }

  /**
   * The guard's verdict on this exact text, parsed once: a dashboard sends the same SQL again and
   * again, and parsing plus printing it back costs a millisecond warm and several while the parser
   * is not yet compiled. Only admitted text is kept; a refusal is parsed again each time.
   */
  private GuardedSql checked(String sql) {
    synchronized (checked) {
      GuardedSql known = checked.get(sql);
      if (known != null) {
        return known;
      }
    }
    GuardedSql fresh = guard.check(sql);
    if (properties.guard().cacheEntries() > 0) {
      synchronized (checked) {
        checked.put(sql, fresh);
      }
    }
    return fresh;
  }

  private static GuardedSql unchecked(String sql) {
    return new GuardedSql(sql, java.util.Set.of(), -1);
  }

  private static String require(@Nullable String sql) {
    if (sql == null || sql.isBlank()) {
      throw new ProblemException(PlatformErrorCode.VALIDATION_FAILED, "sql is required")
          .field("sql")
          .rule("required");
    }
    return sql;
  }

  private QueryEngine engine(@Nullable String name) {
    String chosen = name == null ? properties.engine() : name.toLowerCase(Locale.ROOT);
    QueryEngine engine = engines.get(chosen);
    if (engine == null) {
      throw new ProblemException(
              QueryErrorCode.UNKNOWN_ENGINE,
              "engine must be one of " + engines.keySet() + "; got '" + chosen + "'")
          .field("engine");
    }
    return engine;
  }

  private static List<Object> parameters(@Nullable List<@Nullable Object> given) {
    if (given == null) {
      return List.of();
    }
    List<Object> values = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      Object value = given.get(i);
      if (value != null
          && !(value instanceof String)
          && !(value instanceof Number)
          && !(value instanceof Boolean)) {
        throw new ProblemException(
                QueryErrorCode.INVALID_PARAMETER,
                "parameters[" + i + "] must be a string, number, boolean or null")
            .field("parameters[" + i + "]");
      }
      values.add(value);
    }
    return java.util.Collections.unmodifiableList(values);
  }

  private int maxRows(@Nullable Integer requested) {
    int max = requested == null ? properties.defaultMaxRows() : requested;
    if (max < 1 || max > properties.maxRowsCap()) {
      throw new ProblemException(
              PlatformErrorCode.VALIDATION_FAILED,
              "maxRows must be between 1 and " + properties.maxRowsCap() + "; got " + max)
          .field("maxRows")
          .rule("range");
    }
    return max;
  }

  private Duration timeout(@Nullable Long requestedMs) {
    if (requestedMs == null) {
      return properties.defaultTimeout();
    }
    if (requestedMs < 1 || requestedMs > properties.maxTimeout().toMillis()) {
      throw new ProblemException(
              PlatformErrorCode.VALIDATION_FAILED,
              "timeoutMs must be between 1 and " + properties.maxTimeout().toMillis())
          .field("timeoutMs")
          .rule("range");
    }
    return Duration.ofMillis(requestedMs);
  }
}
