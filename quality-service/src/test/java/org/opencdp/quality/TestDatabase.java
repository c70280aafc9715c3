package org.opencdp.quality;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 (PostgreSQL mode, as locally) with the service's migrations applied. */
public final class TestDatabase {

  private TestDatabase() {}

  public static DataSource h2() {
    String url =
        "jdbc:h2:mem:q"
            + UUID.randomUUID().toString().replace("-", "")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    return migrated(new DriverManagerDataSource(url, "sa", ""));
  }

  public static DataSource migrated(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }
}
