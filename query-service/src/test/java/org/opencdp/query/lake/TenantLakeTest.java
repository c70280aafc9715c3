package org.opencdp.query.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencdp.query.TestLake;

class TenantLakeTest {

  static final LocalDate DAY = LocalDate.parse("2026-12-01");

  final TestLake files = TestLake.fresh("tenant-lake");
  final CompactedFooters footers = new CompactedFooters(new LakeProperties(files.root()));
  final TenantLake lake =
      new TenantLake(new LakeProperties(files.root()), new LogicalTables(), footers);

  @AfterEach
  void close() throws Exception {
    footers.destroy();
  }

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
  void readsTheCompactedFileInsteadOfTheInputsStillBesideIt() {
    files.events("t5", 0, 30).events("t5", 30, 60); // two files a day, three days
    TestLake.Compaction compaction = files.compact(files.eventsDay("t5", DAY));

    LakeVersion between = lake.version("t5");

    assertThat(between.files("events"))
        .hasSize(5)
        .contains(compaction.merged())
        .doesNotContainAnyElementsOf(compaction.inputs());
    compaction.deleteInputs();
    LakeVersion after = lake.version("t5");
    assertThat(after.files("events")).isEqualTo(between.files("events"));
    assertThat(after.digest()).isNotEqualTo(between.digest());
  }

  @Test
  void readsEachFooterOnceAndForgetsFilesThatWent() {
    files.events("t6", 0, 30).events("t6", 30, 60);
    Path day = files.eventsDay("t6", DAY);
    TestLake.Compaction first = files.compact(day);
    first.deleteInputs();

    lake.version("t6");
    lake.version("t6");
    assertThat(footers.reads()).isEqualTo(1);

    files.part("t6", DAY, 60, 70);
    TestLake.Compaction second = files.compact(day); // the first compacted file and the new part
    assertThat(second.inputs()).contains(first.merged());
    LakeVersion between = lake.version("t6");
    second.deleteInputs();
    lake.version("t6");

    assertThat(between.files("events")).contains(second.merged()).doesNotContain(first.merged());
    assertThat(footers.reads()).isEqualTo(2);
    assertThat(footers.knows(first.merged())).isFalse();
    assertThat(footers.knows(second.merged())).isTrue();
  }

  @Test
  void aTenantWithoutFoldersHasAnEmptyLake() {
    assertThat(lake.version("nobody").filesPerTable()).containsEntry("events", 0);
  }

  @Test
  void aFileGoneBetweenTheFolderReadAndItsStatStaysListedAsVanished() throws Exception {
    files.events("t7", 0, 30).events("t7", 30, 60); // two files a day, three days
    Path tenant = files.root().resolve("events/tenant_id=t7");
    Path day = files.eventsDay("t7", DAY);
    List<Path> dayFiles;
    try (var listing = Files.list(day)) {
      dayFiles = listing.sorted().toList();
    }
    Files.createDirectories(day.resolve("part-0-folder.parquet")); // a folder is no file
    Files.createDirectories(tenant.resolve(".hidden"));
    Files.writeString(tenant.resolve(".hidden/part-9-x.parquet"), "not in the lake");

    // a compaction's delete of an input after the folders were read (its output renamed in after
    // the read is not seen): the input must stay listed, or neither would be read
    TenantLake.Folder folder = TenantLake.completeFiles(tenant, () -> delete(dayFiles.get(0)));

    assertThat(folder.vanished()).containsExactly(dayFiles.get(0));
    assertThat(folder.files()).hasSize(5).containsKey(dayFiles.get(1));
    assertThat(folder.files().keySet())
        .noneMatch(
            file -> file.toString().contains("folder") || file.toString().contains("hidden"));
    LakeVersion version = lake.version("t7"); // listed again: the input is gone for good now
    assertThat(version.files("events")).hasSize(5).doesNotContain(dayFiles.get(0));
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
