package org.opencdp.testkit;

/** A fresh, empty PostgreSQL database of one test's own; the password is empty under trust auth. */
public record PostgresDatabase(
    String jdbcUrl, String username, String password, String databaseName) {}
