package org.opencdp.query.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.query.engine.QueryProperties;
import org.opencdp.query.engine.QueryResult;
import org.springframework.stereotype.Component;

/**
 * Results by tenant, engine, guarded SQL, parameters, row limit and lake version: a key holds the
 * lake version, so a new or changed file in the tenant's lake makes every older entry unreachable
 * (and the LRU order drops it).
 */
@Component
class ResultCache {

  /** Everything a result depends on. */
  record Key(
      String tenantId,
      String engine,
      String sql,
      List<Object> parameters,
      int maxRows,
      String lakeVersion) {}

  private final QueryProperties.Cache settings;
  private final Map<Key, QueryResult> entries;

  ResultCache(QueryProperties properties) {
    this.settings = properties.cache();
    int max = settings.maxEntries();
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, QueryResult> eldest) {
            return size() > max;
          }
        };
  }

  synchronized Optional<QueryResult> get(Key key) {
    return settings.enabled() ? Optional.ofNullable(entries.get(key)) : Optional.empty();
  }

  synchronized void put(Key key, QueryResult result) {
    if (settings.enabled() && result.rows().size() <= settings.maxRows()) {
      entries.put(key, result);
    }
  }
}
