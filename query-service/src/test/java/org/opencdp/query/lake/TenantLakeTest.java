package org.opencdp.query.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencdp.query.TestLake;

class TenantLakeTest {

  final TestLake files = TestLake.fresh("tenant-lake");
  final TenantLake lake = new TenantLake(new LakeProperties(files.root()), new LogicalTables());

  @Test
  void countsOnlyCompleteParquetFilesOfTheTenant() throws Exception {
    files.events("t1", 30).events("t2", 5);
    Path day = files.root().resolve("events/tenant_id=t1/event_date=2026-12-01");
    Files.writeString(day.resolve(".part-1.parquet.inprogress"), "half");
    Files.writeString(day.resolve("_SUCCESS"), "");

    LakeVersion version = lake.version("t1");

    assertThat(version.filesPerTable()).containsEntry("events", 3).containsEntry("quarantine", 0);
    assertThat(version.hasFiles("quarantine")).isFalse();
  }

  @Test
  void changesWithANewFileButKeepsPartitionsWhenTheFolderIsKnown() {
    files.events("t3", 3);
    LakeVersion before = lake.version("t3");

    files.events("t3", 3); // same three days: new files in known folders
    LakeVersion after = lake.version("t3");

    assertThat(after.digest()).isNotEqualTo(before.digest());
    assertThat(after.partitions()).isEqualTo(before.partitions());
  }

  @Test
  void reusesARecentListing() {
    files.events("t4", 1);
    LakeVersion first = lake.recentVersion("t4", Duration.ofMinutes(1));

    files.events("t4", 3);

    assertThat(lake.recentVersion("t4", Duration.ofMinutes(1))).isSameAs(first);
    assertThat(lake.recentVersion("t4", Duration.ZERO).digest()).isNotEqualTo(first.digest());
  }

  @Test
  void aTenantWithoutFoldersHasAnEmptyLake() {
    assertThat(lake.version("nobody").filesPerTable()).containsEntry("events", 0);
  }
}
