package org.opencdp.query.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a JDBC result into a {@link QueryResult}, so DuckDB and Trino answer alike: the same type
 * names, timestamps as ISO instants (the lake's timestamps are UTC), integers of any width as
 * longs.
 */
final class ResultReader {

  private ResultReader() {}

  /**
   * Runs the statement with {@code execute}, not {@code executeQuery}: a statement that returns no
   * rows (which the guard would have refused) must be refused by the engine itself, not by the
   * driver's API, or layer 2 would go untested.
   */
  static QueryResult readAny(Statement statement, String sql, boolean prepared, int maxRows)
      throws SQLException {
    // DuckDB's createStatement also returns a PreparedStatement: the caller says which it made
    boolean rows = prepared ? ((PreparedStatement) statement).execute() : statement.execute(sql);
    if (!rows) {
      return new QueryResult(List.of(), List.of(), false);
    }
    try (ResultSet resultSet = statement.getResultSet()) {
      return read(resultSet, maxRows);
    }
  }

  static QueryResult read(ResultSet resultSet, int maxRows) throws SQLException {
    ResultSetMetaData meta = resultSet.getMetaData();
    int count = meta.getColumnCount();
    List<QueryResult.Column> columns = new ArrayList<>(count);
    int[] kinds = new int[count];
    for (int i = 1; i <= count; i++) {
      String type = typeName(meta.getColumnTypeName(i), meta.getColumnType(i));
      columns.add(new QueryResult.Column(meta.getColumnLabel(i), type));
      kinds[i - 1] = meta.getColumnType(i);
    }
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (resultSet.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      Object[] row = new Object[count];
      for (int i = 1; i <= count; i++) {
        row[i - 1] = value(resultSet, i, columns.get(i - 1).type(), kinds[i - 1]);
      }
      rows.add(Arrays.asList(row));
    }
    return new QueryResult(columns, rows, truncated);
  }

  /** One shared vocabulary: DuckDB says {@code HUGEINT}, Trino {@code varchar(5)}. */
  static String typeName(String engineType, int jdbcType) {
    String type = engineType == null ? "" : engineType.toUpperCase(Locale.ROOT).strip();
    if (type.endsWith("[]") || type.startsWith("ARRAY") || jdbcType == Types.ARRAY) {
      return "ARRAY";
    }
    int paren = type.indexOf('(');
    String base = paren < 0 ? type : type.substring(0, paren).strip();
    return switch (base) {
      case "VARCHAR", "CHAR", "STRING", "TEXT", "JSON", "UUID" -> "VARCHAR";
      case "HUGEINT", "UBIGINT", "BIGINT", "UHUGEINT" -> "BIGINT";
      case "INTEGER", "INT", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT" ->
          "INTEGER";
      case "DOUBLE", "FLOAT", "REAL" -> "DOUBLE";
      case "DECIMAL" -> "DECIMAL";
      case "BOOLEAN" -> "BOOLEAN";
      case "DATE" -> "DATE";
      case "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" ->
          "TIMESTAMP";
      default -> base.startsWith("TIMESTAMP") ? "TIMESTAMP" : base;
    };
  }

  private static Object value(ResultSet rs, int i, String type, int jdbcType) throws SQLException {
    switch (type) {
      case "TIMESTAMP" -> {
        if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE) {
          OffsetDateTime odt = rs.getObject(i, OffsetDateTime.class);
          return odt == null ? null : odt.toInstant().toString();
        }
        LocalDateTime ldt = rs.getObject(i, LocalDateTime.class);
        return ldt == null ? null : ldt.toInstant(ZoneOffset.UTC).toString();
      }
      case "DATE" -> {
        LocalDate date = rs.getObject(i, LocalDate.class);
        return date == null ? null : date.toString();
      }
      default -> {
        return plain(rs.getObject(i));
      }
    }
  }

  private static Object plain(Object value) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? big.longValue() : big.toString();
    }
    if (value instanceof Float f) {
      return finite(f.doubleValue());
    }
    if (value instanceof Double d) {
      return finite(d);
    }
    if (value instanceof Long || value instanceof Boolean || value instanceof String) {
      return value;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Array array) {
      Object[] items = (Object[]) array.getArray();
      List<Object> list = new ArrayList<>(items.length);
      for (Object item : items) {
        list.add(plain(item));
      }
      return list;
    }
    return value.toString();
  }

  /** JSON has no NaN or infinity. */
  private static Object finite(double d) {
    return Double.isFinite(d) ? d : String.valueOf(d);
  }
}
