package org.opencdp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresTest {

  @Test
  void everyCallGetsAFreshEmptyDatabaseOfItsOwn() throws SQLException {
    PostgresDatabase first = Infrastructure.postgres();
    PostgresDatabase second = Infrastructure.postgres();

    assertThat(first.databaseName()).isNotEqualTo(second.databaseName()).startsWith("cdp_test_");
    assertThat(first.jdbcUrl()).endsWith("/" + first.databaseName());
    assertThat(tablesIn(first)).isZero();

    execute(first, "CREATE TABLE profiles (id int)");

    assertThat(tablesIn(first)).isOne();
    assertThat(tablesIn(second)).isZero();
  }

  @Test
  void roundTripsRowsThroughJdbc() throws SQLException {
    PostgresDatabase database = Infrastructure.postgres();
    execute(database, "CREATE TABLE events (id bigint PRIMARY KEY, name text NOT NULL)");
    execute(database, "INSERT INTO events VALUES (1, 'signup'), (2, 'purchase')");

    try (Connection connection = connect(database);
        var result =
            connection.createStatement().executeQuery("SELECT name FROM events ORDER BY id")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getString("name")).isEqualTo("signup");
      assertThat(result.next()).isTrue();
      assertThat(result.getString("name")).isEqualTo("purchase");
      assertThat(result.next()).isFalse();
    }
  }

  private static long tablesIn(PostgresDatabase database) throws SQLException {
    try (Connection connection = connect(database);
        var result =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static void execute(PostgresDatabase database, String sql) throws SQLException {
    try (Connection connection = connect(database)) {
      connection.createStatement().execute(sql);
    }
  }

  private static Connection connect(PostgresDatabase database) throws SQLException {
    return DriverManager.getConnection(
        database.jdbcUrl(), database.username(), database.password());
  }
}
