package org.opencdp.query.engine;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.servicekit.problem.ProblemException;

/**
 * Turns an engine's failure into a problem a caller can act on, without leaking what the caller
 * must not see: file paths, the lake root, internal schema names.
 */
final class EngineErrors {

  private static final Pattern PATH =
      Pattern.compile("(?:[a-zA-Z]+:/)?/+[\\w.=*\\-]+(?:/[\\w.=*\\-]*)+");
  private static final Pattern COLUMN =
      Pattern.compile(
          "(?:column \"([^\"]+)\" not found|Column '([^']+)' cannot be resolved|"
              + "column with name \"?([^\" ]+)\"? does not exist)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TABLE =
      Pattern.compile(
          "(?:Table with name \"?([^\" ]+?)\"? does not exist|Table '([^']+)' does not exist)",
          Pattern.CASE_INSENSITIVE);

  /**
   * DuckDB's words for a listed lake file that is gone: when binding ({@code No files found that
   * match the pattern "…"}) or when opening it later in the scan ({@code Cannot open file "…": No
   * such file or directory}).
   */
  private static final Pattern MISSING_LAKE_FILE =
      Pattern.compile(
          "IO Error: (?:No files found that match the pattern \"[^\"*?\\[]+\\.parquet\""
              + "|Cannot open file \"[^\"]+\\.parquet\": No such file or directory)");

  /**
   * Trino's words when it has no active node that serves the catalog: a coordinator whose catalog
   * announcement the node list has not caught up with yet (the first seconds after a start), or a
   * cluster that lost its workers. Nothing ran; the same query may succeed a moment later.
   */
  private static final String NO_WORKERS = "No nodes available to run query";

  private static final Pattern INTERNAL_SCHEMA = Pattern.compile("\\b\\w+\\.\"?t_[\\w]+\"?\\.");

  private EngineErrors() {}

  static ProblemException translate(SQLException e, boolean timedOut, String engine) {
    String message = scrub(String.valueOf(e.getMessage()));
    if (timedOut) {
      return new ProblemException(QueryErrorCode.TIMEOUT, "the query ran past its time limit")
          .field("timeoutMs");
    }
    if (MISSING_LAKE_FILE.matcher(String.valueOf(e.getMessage())).find()) {
      // compaction removed a listed file: the caller lists again and retries
      return new ProblemException(
              QueryErrorCode.LAKE_CHANGED,
              "files the query was to read were compacted away while it ran; retry")
          .header("Retry-After", "1");
    }
    if (message.contains(NO_WORKERS)) {
      return new ProblemException(
              QueryErrorCode.ENGINE_UNAVAILABLE,
              engine
                  + " has no active worker for the lake right now (starting, or workers lost);"
                  + " retry shortly")
          .header("Retry-After", "5");
    }
    Matcher column = COLUMN.matcher(message);
    if (column.find()) {
      String name = first(column);
      return new ProblemException(
              QueryErrorCode.UNKNOWN_COLUMN, "unknown column '" + name + "': " + firstLine(message))
          .field("sql")
          .property("construct", name);
    }
    Matcher table = TABLE.matcher(message);
    if (table.find()) {
      String name = first(table);
      return new ProblemException(QueryErrorCode.UNKNOWN_TABLE, "unknown table '" + name + "'")
          .field("sql")
          .property("construct", name);
    }
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("permission error")
        || lower.contains("access denied")
        || lower.contains("external access")
        || lower.contains("lock_configuration")
        || lower.contains("configuration has been locked")) {
      return new ProblemException(
              QueryErrorCode.ACCESS_DENIED, engine + " refused: " + firstLine(message))
          .field("sql");
    }
    if (lower.contains("out of memory")
        || lower.contains("exceeded per-node memory")
        || lower.contains("exceeded distributed")) {
      return new ProblemException(
              QueryErrorCode.MEMORY_LIMIT, "the query needs more memory than" + " a query may use")
          .field("sql");
    }
    if (lower.contains("parser error")
        || lower.contains("syntax error")
        || lower.contains("mismatched input")) {
      return new ProblemException(QueryErrorCode.SYNTAX_ERROR, firstLine(message)).field("sql");
    }
    return new ProblemException(QueryErrorCode.QUERY_FAILED, firstLine(message)).field("sql");
  }

  /** Removes paths and internal schema qualifiers from an engine message. */
  static String scrub(String message) {
    String noPaths = PATH.matcher(message).replaceAll("<path>");
    return INTERNAL_SCHEMA.matcher(noPaths).replaceAll("");
  }

  private static String first(Matcher m) {
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    return "?";
  }

  private static String firstLine(String message) {
    String line = message.strip();
    int newline = line.indexOf('\n');
    line = newline < 0 ? line : line.substring(0, newline);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
