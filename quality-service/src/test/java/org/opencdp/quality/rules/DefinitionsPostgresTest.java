package org.opencdp.quality.rules;

import javax.sql.DataSource;
import org.opencdp.quality.TestDatabase;
import org.opencdp.testkit.Infrastructure;
import org.opencdp.testkit.PostgresDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The store on PostgreSQL, as in production, with the same Flyway migrations. */
class DefinitionsPostgresTest extends DefinitionsContract {

  private static DataSource migrated;

  @Override
  DataSource dataSource() {
    if (migrated == null) {
      PostgresDatabase db = Infrastructure.postgres();
      migrated =
          TestDatabase.migrated(
              new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
    }
    return migrated;
  }
}
