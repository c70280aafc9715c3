package org.opencdp.query.sql;

import org.opencdp.query.QueryErrorCode;
import org.opencdp.servicekit.problem.ProblemException;

/** The guard refused a query: the problem names the construct and where it is in the SQL. */
public final class QueryRejected extends ProblemException {

  QueryRejected(QueryErrorCode code, String construct, String detail, SqlPosition position) {
    super(code, position == null ? detail : detail + " at " + position);
    field("sql");
    rule(code.code());
    property("construct", construct);
    if (position != null) {
      property("line", position.line());
      property("column", position.column());
    }
  }

  /** A refusal with no position in the text. */
  static QueryRejected of(QueryErrorCode code, String construct, String detail) {
    return new QueryRejected(code, construct, detail, null);
  }

  /** A refusal located at the first occurrence of {@code construct} in {@code sql}. */
  static QueryRejected at(QueryErrorCode code, String construct, String detail, String sql) {
    return new QueryRejected(code, construct, detail, SqlPosition.find(sql, construct));
  }
}
