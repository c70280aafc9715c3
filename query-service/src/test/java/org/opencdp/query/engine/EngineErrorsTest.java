package org.opencdp.query.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.servicekit.problem.ProblemException;

/** Engine failures as DuckDB (on real files) and Trino really word them. */
class EngineErrorsTest {

  final Path folder = Path.of("target", "engine-errors-" + System.nanoTime()).toAbsolutePath();

  @Test
  void aListedFileThatWentIsALakeChangeThatNamesNoPath() throws Exception {
    Files.createDirectories(folder);
    Path file = folder.resolve("part-1.parquet");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      execute(connection, "COPY (SELECT 1 AS x) TO '" + file + "' (FORMAT PARQUET)");
      execute(connection, "CREATE VIEW v AS SELECT * FROM read_parquet(['" + file + "'])");
      Files.delete(file);

      SQLException failure =
          catchThrowableOfType(
              SQLException.class, () -> execute(connection, "SELECT count(*) FROM v"));
      ProblemException problem = EngineErrors.translate(failure, false, "duckdb");

      assertThat(problem.code()).isEqualTo(QueryErrorCode.LAKE_CHANGED);
      assertThat(problem.detail()).doesNotContain(folder.toString()).doesNotContain("part-1");
      assertThat(problem.headers()).containsEntry("Retry-After", "1");
    }
  }

  @Test
  void aPatternMatchingNothingIsNoLakeChange() throws Exception {
    Files.createDirectories(folder);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      SQLException failure =
          catchThrowableOfType(
              SQLException.class,
              () -> execute(connection, "SELECT * FROM read_parquet('" + folder + "/*.parquet')"));

      ProblemException problem = EngineErrors.translate(failure, false, "duckdb");

      assertThat(problem.code()).isEqualTo(QueryErrorCode.QUERY_FAILED);
      assertThat(problem.detail()).doesNotContain(folder.toString());
    }
  }

  @Test
  void trinoWithoutAnActiveNodeIsUnavailableForAMoment() {
    // trino-jdbc 476's message when a just-started coordinator had not yet listed its catalogs
    SQLException failure =
        new SQLException(
            "Query failed (#20261204_023727_00007_ksrc2): No nodes available to run query");

    ProblemException problem = EngineErrors.translate(failure, false, "trino");

    assertThat(problem.code()).isEqualTo(QueryErrorCode.ENGINE_UNAVAILABLE);
    assertThat(problem.code().status().value()).isEqualTo(503);
    assertThat(problem.headers()).containsEntry("Retry-After", "5");
    assertThat(problem.detail()).startsWith("trino has no active worker");
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
