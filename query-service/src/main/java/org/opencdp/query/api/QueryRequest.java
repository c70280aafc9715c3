package org.opencdp.query.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/query/sql}.
 *
 * @param sql one SELECT (or WITH ... SELECT) over the logical tables
 * @param parameters values for its {@code ?} placeholders: strings, numbers, booleans or null
 * @param engine {@code duckdb} or {@code trino}; the configured default when absent
 * @param maxRows rows to return at most (default 1000, at most the configured cap)
 * @param timeoutMs the query's time limit in milliseconds
 */
public record QueryRequest(
    @Nullable String sql,
    @Nullable List<@Nullable Object> parameters,
    @Nullable String engine,
    @Nullable Integer maxRows,
    @Nullable Long timeoutMs) {}
