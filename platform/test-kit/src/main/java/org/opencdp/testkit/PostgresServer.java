package org.opencdp.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A PostgreSQL server and a user on it allowed to create databases: one per test. */
record PostgresServer(String host, int port, String user, String password) {

  /** Per server, the databases to drop at JVM exit. */
  private static final Map<PostgresServer, Set<String>> created = new ConcurrentHashMap<>();

  void requireCreateDatabase() throws SQLException {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement();
        var result =
            statement.executeQuery(
                "SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
      if (!result.next() || !result.getBoolean(1)) {
        throw new SQLException("may not create databases");
      }
    }
  }

  PostgresDatabase createDatabase() {
    // lower case and unquoted: the name needs no quoting anywhere a test might write it
    String name = "cdp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name + " on " + this, e);
    }
    created
        .computeIfAbsent(
            this,
            server -> {
              AtExit.register(server::dropCreatedDatabases);
              return ConcurrentHashMap.newKeySet();
            })
        .add(name);
    return new PostgresDatabase(jdbcUrl(name), user, password, name);
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://%s:%d/%s".formatted(host, port, database);
  }

  private Connection connect(String database) throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", user);
    if (!password.isEmpty()) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("ApplicationName", "cdp-test-kit");
    return DriverManager.getConnection(jdbcUrl(database), properties);
  }

  private void dropCreatedDatabases() {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      for (String name : created.getOrDefault(this, Set.of())) {
        drop(statement, name);
      }
    } catch (SQLException ignored) {
      // best effort: a database left behind costs disk, not correctness
    }
  }

  private static void drop(Statement statement, String name) {
    try {
      // FORCE: a connection pool of the test may still be open while the JVM exits
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException ignored) {
      // best effort, and the next database may still go
    }
  }

  @Override
  public String toString() {
    return "PostgreSQL %s:%d as %s".formatted(host, port, user);
  }
}
