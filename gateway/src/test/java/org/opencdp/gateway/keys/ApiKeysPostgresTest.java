package org.opencdp.gateway.keys;

import javax.sql.DataSource;
import org.opencdp.testkit.Infrastructure;
import org.opencdp.testkit.PostgresDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The store on PostgreSQL, as in production, with the same Flyway migrations. */
class ApiKeysPostgresTest extends ApiKeysContract {

  private static final PostgresDatabase DB = Infrastructure.postgres();

  @Override
  DataSource dataSource() {
    return new DriverManagerDataSource(DB.jdbcUrl(), DB.username(), DB.password());
  }
}
