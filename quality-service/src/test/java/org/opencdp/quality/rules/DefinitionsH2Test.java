package org.opencdp.quality.rules;

import javax.sql.DataSource;
import org.opencdp.quality.TestDatabase;

/** The store on H2 in PostgreSQL mode, as locally. */
class DefinitionsH2Test extends DefinitionsContract {

  @Override
  DataSource dataSource() {
    return TestDatabase.h2();
  }
}
