package org.opencdp.gateway.keys;

import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The store on the local default: an H2 file in PostgreSQL mode. */
class ApiKeysH2Test extends ApiKeysContract {

  private static final Path FILE =
      Path.of("target", "tmp", "h2-" + UUID.randomUUID(), "gateway").toAbsolutePath();

  @Override
  DataSource dataSource() {
    return new DriverManagerDataSource(
        "jdbc:h2:file:" + FILE + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
  }
}
