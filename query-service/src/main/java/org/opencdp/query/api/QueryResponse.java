package org.opencdp.query.api;

import java.util.List;
import org.opencdp.query.engine.QueryResult;

/** The answer of {@code POST /v1/query/sql} (ARCHITECTURE §5). */
public record QueryResponse(
    List<QueryResult.Column> columns,
    List<List<Object>> rows,
    int rowCount,
    boolean truncated,
    String engine,
    long elapsedMs) {

  static QueryResponse of(QueryResult result, String engine, long elapsedMs) {
    return new QueryResponse(
        result.columns(),
        result.rows(),
        result.rows().size(),
        result.truncated(),
        engine,
        elapsedMs);
  }
}
