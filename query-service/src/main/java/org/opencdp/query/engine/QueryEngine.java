package org.opencdp.query.engine;

/** An engine that runs a tenant's SQL over that tenant's tables only. */
public interface QueryEngine {

  /** The name requests choose it by: {@code duckdb} or {@code trino}. */
  String name();

  /** Runs the query; failures are {@link org.opencdp.servicekit.problem.ProblemException}s. */
  QueryResult execute(TenantQuery query);
}
