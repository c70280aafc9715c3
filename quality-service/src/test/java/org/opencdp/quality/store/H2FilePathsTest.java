package org.opencdp.quality.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class H2FilePathsTest {

  @Test
  void makesARelativeDataDirAbsoluteAndKeepsTheOptions() {
    assertThat(H2FilePaths.absolute("jdbc:h2:file:./data/quality/quality;MODE=PostgreSQL"))
        .isEqualTo(
            "jdbc:h2:file:"
                + Path.of("data/quality/quality").toAbsolutePath()
                + ";MODE=PostgreSQL");
  }

  @Test
  void leavesOtherDatabasesAlone() {
    assertThat(H2FilePaths.absolute("jdbc:postgresql://db/cdp"))
        .isEqualTo("jdbc:postgresql://db/cdp");
    assertThat(H2FilePaths.absolute("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
  }
}
