package org.opencdp.quality.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.quality.compaction.LakeReads.writeOrders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.DuckDb;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.LakeMerge;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.SourcePartition;

/**
 * The lake as a SIGKILL leaves it at each step of a compaction, then read by a protocol reader and
 * cleaned by the next start ({@link Lake#discardUnfinished}, run before intake and compaction):
 * every row is there exactly once, to readers at once and on disk after the start.
 */
class CompactionCrashTest {

  static final LocalDate DAY = LocalDate.of(2026, 12, 3);

  @TempDir Path root;

  List<Path> inputs(LakeWriter writer) {
    List<Path> files = new ArrayList<>();
    for (int f = 0; f < 10; f++) {
      files.add(writeOrders(writer, "acme", DAY, "raw", "m-", f * 30, 30).path());
    }
    return files;
  }

  Path partition() {
    return new Lake(LakeReads.properties(root)).partition(LakeTable.EVENTS, "acme", DAY);
  }

  List<String> onDisk() throws IOException {
    try (Stream<Path> files = Files.list(partition())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCrashBetweenTheRenameAndTheDeletesLeavesRowsOnceForReadersAndTheStartRemovesTheInputs()
      throws Exception {
    LakeWriter writer = LakeReads.writer(root);
    List<Path> inputs = inputs(writer);
    LakeMerge.Prepared merged = LakeMerge.prepare(writer, LakeTable.EVENTS, partition(), inputs);
    merged.commit(); // ... and killed here: the inputs are still there
    Lake lake = new Lake(LakeReads.properties(root));

    try (DuckDb duck = new DuckDb(root)) {
      assertThat(duck.countEvents()).as("a plain glob counts twice").isEqualTo(600);
      assertThat(LakeReads.protocolCounts(duck, lake)).containsExactly(300, 300);
      assertThat(lake.files(LakeTable.EVENTS, "acme", DAY)).containsExactly(merged.file().path());
      assertThat(
              lake.recordedCoverage(LakeTable.EVENTS, LakeTable.QUARANTINE)
                  .of(new SourcePartition("raw", 0))
                  .ranges())
          .containsExactly(new long[] {0, 299});

      List<Path> discarded = new Lake(LakeReads.properties(root)).discardUnfinished();

      assertThat(discarded).containsExactlyInAnyOrderElementsOf(inputs);
      assertThat(onDisk()).containsExactly(merged.file().path().getFileName().toString());
      assertThat(duck.countEvents()).isEqualTo(300);
      assertThat(duck.value("select count(distinct message_id) from {events}")).isEqualTo(300L);
    }
  }

  @Test
  void aCrashHalfWayThroughTheDeletesIsFinishedByTheStart() throws Exception {
    LakeWriter writer = LakeReads.writer(root);
    List<Path> inputs = inputs(writer);
    LakeMerge.Prepared merged = LakeMerge.prepare(writer, LakeTable.EVENTS, partition(), inputs);
    merged.commit();
    for (Path input : inputs.subList(0, 4)) {
      Files.delete(input);
    }
    Lake lake = new Lake(LakeReads.properties(root));

    try (DuckDb duck = new DuckDb(root)) {
      assertThat(LakeReads.protocolCounts(duck, lake)).containsExactly(300, 300);
      assertThat(lake.discardUnfinished())
          .containsExactlyInAnyOrderElementsOf(inputs.subList(4, 10));
      assertThat(duck.countEvents()).isEqualTo(300);
    }
  }

  @Test
  void aCrashBeforeTheRenameLeavesOnlyAHiddenFileThatTheStartDeletes() throws Exception {
    LakeWriter writer = LakeReads.writer(root);
    List<Path> inputs = inputs(writer);
    LakeMerge.Prepared merged = LakeMerge.prepare(writer, LakeTable.EVENTS, partition(), inputs);
    // killed before the rename: the merged file exists only under its hidden name
    List<String> hidden = onDisk().stream().filter(n -> n.startsWith(".compact-")).toList();
    assertThat(hidden).singleElement().satisfies(n -> assertThat(n).endsWith(".inprogress"));
    Lake lake = new Lake(LakeReads.properties(root));

    try (DuckDb duck = new DuckDb(root)) {
      assertThat(duck.countEvents()).as("DuckDB's glob skips the hidden file").isEqualTo(300);
      assertThat(lake.files(LakeTable.EVENTS, "acme", DAY))
          .containsExactlyInAnyOrderElementsOf(inputs);

      assertThat(lake.discardUnfinished())
          .singleElement()
          .satisfies(p -> assertThat(p.getFileName().toString()).isEqualTo(hidden.get(0)));
      assertThat(onDisk()).hasSize(10).noneMatch(n -> n.startsWith("."));
      assertThat(duck.countEvents()).isEqualTo(300);
    }
    assertThat(merged.file().path()).doesNotExist();
  }

  @Test
  void theCompactorFinishesAnEarlierCompactionsDeletesBeforeItMergesThatPartitionAgain()
      throws Exception {
    LakeWriter writer = LakeReads.writer(root);
    List<Path> first = inputs(writer);
    LakeMerge.Prepared one = LakeMerge.prepare(writer, LakeTable.EVENTS, partition(), first);
    one.commit(); // another replica was killed here: its inputs are left behind
    for (int f = 10; f < 18; f++) {
      writeOrders(writer, "acme", DAY, "raw", "m-", f * 30, 30);
    }
    Lake lake = new Lake(LakeReads.properties(root));
    Compactor compactor =
        new Compactor(
            lake,
            writer,
            CompactorTest.aggressive(),
            java.time.Clock.systemUTC(),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
            org.opencdp.quality.lake.LakeListener.NONE);

    // merging the first compacted file while its inputs were still there would resurrect them
    // the moment it was deleted; the compactor removes them first
    LakeFile merged = compactor.runOnce().get(0);

    assertThat(merged.rows()).isEqualTo(540);
    assertThat(onDisk()).containsExactly(merged.path().getFileName().toString());
    try (DuckDb duck = new DuckDb(root)) {
      assertThat(LakeReads.protocolCounts(duck, lake)).containsExactly(540, 540);
      assertThat(duck.countEvents()).isEqualTo(540);
    }
  }
}
