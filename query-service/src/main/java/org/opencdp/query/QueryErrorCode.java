package org.opencdp.query;

import org.opencdp.servicekit.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** The errors query-service answers with, each a stable problem type. */
public enum QueryErrorCode implements ErrorCode.Defined {
  SYNTAX_ERROR("sql-syntax-error", HttpStatus.BAD_REQUEST, "SQL syntax error"),
  SQL_TOO_LONG("sql-too-long", HttpStatus.BAD_REQUEST, "SQL text too long"),
  UNKNOWN_COLUMN("unknown-column", HttpStatus.BAD_REQUEST, "Unknown column"),
  INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid query parameter"),
  UNKNOWN_ENGINE("unknown-engine", HttpStatus.BAD_REQUEST, "Unknown query engine"),
  MULTIPLE_STATEMENTS(
      "multiple-statements", HttpStatus.UNPROCESSABLE_CONTENT, "Only one statement is allowed"),
  STATEMENT_NOT_ALLOWED(
      "statement-not-allowed", HttpStatus.UNPROCESSABLE_CONTENT, "Only SELECT is allowed"),
  UNKNOWN_TABLE("unknown-table", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown table"),
  QUALIFIED_NAME(
      "qualified-name-not-allowed",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Catalog or schema qualified names are not allowed"),
  TABLE_FUNCTION(
      "table-function-not-allowed",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Table functions are not allowed"),
  PATH_AS_TABLE(
      "path-not-allowed", HttpStatus.UNPROCESSABLE_CONTENT, "File paths are not allowed as tables"),
  FUNCTION_NOT_ALLOWED(
      "function-not-allowed", HttpStatus.UNPROCESSABLE_CONTENT, "Function not allowed"),
  CONSTRUCT_NOT_ALLOWED(
      "construct-not-allowed", HttpStatus.UNPROCESSABLE_CONTENT, "SQL construct not allowed"),
  ACCESS_DENIED("access-denied", HttpStatus.UNPROCESSABLE_CONTENT, "Access denied by the engine"),
  QUERY_FAILED("query-failed", HttpStatus.UNPROCESSABLE_CONTENT, "The query failed"),
  MEMORY_LIMIT("memory-limit", HttpStatus.UNPROCESSABLE_CONTENT, "Query memory limit exceeded"),
  TIMEOUT("query-timeout", HttpStatus.REQUEST_TIMEOUT, "Query timed out"),
  TOO_MANY_QUERIES("too-many-queries", HttpStatus.TOO_MANY_REQUESTS, "Too many concurrent queries"),
  LAKE_CHANGED(
      "lake-changed",
      HttpStatus.SERVICE_UNAVAILABLE,
      "The lake changed under the query too often; retry"),
  ENGINE_UNAVAILABLE(
      "engine-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Query engine unavailable");

  private final Definition definition;

  QueryErrorCode(String code, HttpStatus status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
