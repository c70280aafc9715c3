package org.opencdp.servicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class H2FilePathsTest {

  @Test
  void makesARelativeDataDirAbsoluteAndKeepsTheOptions() {
    String url =
        H2FilePaths.absolute("jdbc:h2:file:target/run/data/gateway/gateway;MODE=PostgreSQL");
    assertThat(url)
        .isEqualTo(
            "jdbc:h2:file:"
                + Path.of("target/run/data/gateway/gateway").toAbsolutePath()
                + ";MODE=PostgreSQL");
  }

  @Test
  void leavesOtherDatabasesAlone() {
    assertThat(H2FilePaths.absolute("jdbc:postgresql://db/cdp"))
        .isEqualTo("jdbc:postgresql://db/cdp");
    assertThat(H2FilePaths.absolute("jdbc:h2:file:/srv/cdp/gateway"))
        .isEqualTo("jdbc:h2:file:/srv/cdp/gateway");
  }
}
