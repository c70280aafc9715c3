package org.opencdp.quality.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.quality.compaction.LakeReads.readParquet;
import static org.opencdp.quality.compaction.LakeReads.writeOrders;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.event.lake.LakeFiles;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.DuckDb;
import org.opencdp.quality.lake.CompactedInput;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.LakeListener;
import org.opencdp.quality.lake.LakeReader;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.QuarantineRow;
import org.opencdp.quality.lake.SourceCoverage;
import org.opencdp.quality.lake.SourcePartition;
import org.springframework.util.unit.DataSize;

class CompactorTest {

  static final LocalDate DAY = LocalDate.of(2026, 12, 3);

  @TempDir Path root;

  SimpleMeterRegistry registry = new SimpleMeterRegistry();

  static CompactionProperties aggressive() {
    return new CompactionProperties(
        true,
        Duration.ofMillis(50),
        8,
        Duration.ZERO,
        DataSize.ofMegabytes(64),
        64,
        Duration.ofMinutes(10));
  }

  Compactor compactor(CompactionProperties properties) {
    Lake lake = new Lake(LakeReads.properties(root));
    return new Compactor(
        lake, LakeReads.writer(root), properties, Clock.systemUTC(), registry, LakeListener.NONE);
  }

  List<LakeFile> tenFilesOfThirty(LakeWriter writer, String tenant) {
    List<LakeFile> files = new ArrayList<>();
    for (int f = 0; f < 10; f++) {
      files.add(writeOrders(writer, tenant, DAY, "raw", tenant + "-", f * 30, 30));
    }
    return files;
  }

  static List<String> rows(DuckDb duck, List<Path> files) {
    return duck
        .query(
            "select * exclude (ts, received_at), epoch_us(ts) t, epoch_us(received_at) r from "
                + readParquet(files))
        .stream()
        .map(Map::toString)
        .toList();
  }

  @Test
  void aPassSweepsInProgressFilesLongUntouchedAndLeavesYoungOnesAtMostOnceInTenMinutes()
      throws Exception {
    Path partition =
        Files.createDirectories(root.resolve("events/tenant_id=acme/event_date=2026-12-03"));
    Path abandoned = Files.writeString(partition.resolve(".part-dead.parquet.inprogress"), "x");
    Path young = Files.writeString(partition.resolve(".part-live.parquet.inprogress"), "x");
    Instant now = Instant.now();
    FileTime longAgo = FileTime.from(now.minus(Lake.UNFINISHED_AFTER).minusSeconds(1));
    Files.setLastModifiedTime(abandoned, longAgo);
    Compactor compactor = compactorAt(now);

    compactor.runOnce();
    assertThat(abandoned).doesNotExist();
    assertThat(young).exists();

    Files.setLastModifiedTime(young, longAgo);
    compactor.runOnce();
    assertThat(young).as("the same compactor sweeps at most once in ten minutes").exists();

    compactorAt(now.plus(Lake.UNFINISHED_AFTER)).runOnce();
    assertThat(young).doesNotExist();
  }

  Compactor compactorAt(Instant now) {
    return new Compactor(
        new Lake(LakeReads.properties(root)),
        LakeReads.writer(root),
        aggressive(),
        Clock.fixed(now, java.time.ZoneOffset.UTC),
        registry,
        LakeListener.NONE);
  }

  @Test
  void mergesThePartitionsSmallFilesIntoOneFileSortedByTsHoldingEveryRowOnce() {
    LakeWriter writer = LakeReads.writer(root);
    List<LakeFile> inputs = tenFilesOfThirty(writer, "acme");
    writeOrders(writer, "beta", DAY, "raw", "beta-", 0, 5); // one file: below min-files
    Lake lake = new Lake(LakeReads.properties(root));
    List<Path> inputPaths = inputs.stream().map(LakeFile::path).toList();

    try (DuckDb duck = new DuckDb(root)) {
      List<String> before = rows(duck, inputPaths);
      String schemaBefore =
          duck.query("describe select * from " + readParquet(inputPaths)).toString();

      List<LakeFile> written = compactor(aggressive()).runOnce();

      assertThat(written).hasSize(1);
      LakeFile compacted = written.get(0);
      assertThat(compacted.path().getFileName().toString()).startsWith("compact-");
      assertThat(compacted.rows()).isEqualTo(300);
      assertThat(lake.files(LakeTable.EVENTS, "acme", DAY)).containsExactly(compacted.path());
      assertThat(inputPaths).allSatisfy(p -> assertThat(p).doesNotExist());
      assertThat(lake.files(LakeTable.EVENTS, "beta", DAY)).hasSize(1);

      List<Path> out = List.of(compacted.path());
      assertThat(rows(duck, out)).containsExactlyInAnyOrderElementsOf(before).hasSize(300);
      assertThat(duck.query("describe select * from " + readParquet(out)).toString())
          .isEqualTo(schemaBefore);
      assertThat(
              duck.query(
                  "select stats_min_value, stats_max_value, compression from parquet_metadata('"
                      + compacted.path()
                      + "') where path_in_schema = 'ts'"))
          .isNotEmpty()
          .allSatisfy(
              r -> {
                assertThat(r.get("stats_min_value")).isNotNull();
                assertThat(r.get("stats_max_value")).isNotNull();
                assertThat(r.get("compression")).isEqualTo("SNAPPY");
              });
    }
    List<Long> ts =
        LakeReader.read(compacted(lake), List.of("ts")).stream()
            .map(r -> (Long) r.get("ts"))
            .toList();
    assertThat(ts).hasSize(300).isSorted();

    Map<String, String> footer = Lake.metadata(compacted(lake));
    assertThat(footer.get(LakeWriter.TABLE_KEY)).isEqualTo("events");
    assertThat(footer.get(LakeWriter.ROWS_KEY)).isEqualTo("300");
    assertThat(LakeFiles.parseCompactedFrom(footer.get(LakeFiles.COMPACTED_FROM_KEY)))
        .containsExactlyInAnyOrderElementsOf(
            inputPaths.stream().map(p -> p.getFileName().toString()).toList());
    SourceCoverage coverage = SourceCoverage.fromJson(footer.get(SourceCoverage.METADATA_KEY));
    assertThat(coverage.of(new SourcePartition("raw", 0)).ranges())
        .containsExactly(new long[] {0, 299});
    assertThat(lake.recordedCoverage(LakeTable.EVENTS).of(new SourcePartition("raw", 0)).count())
        .isEqualTo(300);
    List<CompactedInput> lineage = CompactedInput.fromJson(footer.get(CompactedInput.METADATA_KEY));
    assertThat(lineage).hasSize(10).allSatisfy(i -> assertThat(i.rows()).isEqualTo(30));
    assertThat(lineage.stream().map(CompactedInput::writtenAt).max(String::compareTo))
        .hasValue(footer.get(LakeWriter.WRITTEN_AT_KEY));
    assertThat(Instant.parse(footer.get(LakeWriter.COMPACTED_AT_KEY)))
        .isAfterOrEqualTo(Instant.parse(footer.get(LakeWriter.WRITTEN_AT_KEY)));

    assertThat(registry.counter("cdp.lake.compaction.files.in").count()).isEqualTo(10);
    assertThat(registry.counter("cdp.lake.compaction.files.out").count()).isEqualTo(1);
    assertThat(registry.counter("cdp.lake.compaction.rows").count()).isEqualTo(300);
    assertThat(registry.timer("cdp.lake.compaction.duration").count()).isEqualTo(1);
  }

  Path compacted(Lake lake) {
    return lake.files(LakeTable.EVENTS, "acme", DAY).get(0);
  }

  @Test
  void leavesPartitionsWithTooFewOldOrSmallFilesAsTheyAre() {
    LakeWriter writer = LakeReads.writer(root);
    tenFilesOfThirty(writer, "acme");
    CompactionProperties young =
        new CompactionProperties(
            true,
            Duration.ofSeconds(1),
            8,
            Duration.ofHours(1),
            DataSize.ofMegabytes(64),
            64,
            Duration.ofMinutes(10));
    CompactionProperties many =
        new CompactionProperties(
            true,
            Duration.ofSeconds(1),
            11,
            Duration.ZERO,
            DataSize.ofMegabytes(64),
            64,
            Duration.ofMinutes(10));
    CompactionProperties bigEnough =
        new CompactionProperties(
            true,
            Duration.ofSeconds(1),
            8,
            Duration.ZERO,
            DataSize.ofBytes(1000),
            64,
            Duration.ofMinutes(10));

    assertThat(compactor(young).runOnce()).isEmpty();
    assertThat(compactor(many).runOnce()).isEmpty();
    assertThat(compactor(bigEnough).runOnce()).isEmpty();

    assertThat(new Lake(LakeReads.properties(root)).files(LakeTable.EVENTS, "acme", DAY))
        .hasSize(10)
        .allSatisfy(p -> assertThat(p.getFileName().toString()).startsWith("part-"));
  }

  @Test
  void mergesAtMostMaxInputsFilesInOneCompaction() {
    tenFilesOfThirty(LakeReads.writer(root), "acme");
    CompactionProperties three =
        new CompactionProperties(
            true,
            Duration.ofSeconds(1),
            2,
            Duration.ZERO,
            DataSize.ofMegabytes(64),
            3,
            Duration.ofMinutes(10));

    List<LakeFile> written = compactor(three).runOnce();

    assertThat(written).singleElement().satisfies(f -> assertThat(f.rows()).isEqualTo(90));
    Lake lake = new Lake(LakeReads.properties(root));
    assertThat(lake.files(LakeTable.EVENTS, "acme", DAY)).hasSize(8);
    try (DuckDb duck = new DuckDb(root)) {
      assertThat(LakeReads.protocolCounts(duck, lake)).containsExactly(300, 300);
    }
  }

  @Test
  void mergesACompactedFileAgainWithNewerFilesAndEveryRowStaysOnce() {
    LakeWriter writer = LakeReads.writer(root);
    tenFilesOfThirty(writer, "acme");
    Compactor compactor = compactor(aggressive());
    Path first = compactor.runOnce().get(0).path();
    for (int f = 10; f < 17; f++) {
      writeOrders(writer, "acme", DAY, "raw", "acme-", f * 30, 30);
    }

    Path second = compactor.runOnce().get(0).path();

    Lake lake = new Lake(LakeReads.properties(root));
    assertThat(lake.files(LakeTable.EVENTS, "acme", DAY)).containsExactly(second);
    assertThat(
            LakeFiles.parseCompactedFrom(Lake.metadata(second).get(LakeFiles.COMPACTED_FROM_KEY)))
        .hasSize(8)
        .contains(first.getFileName().toString());
    assertThat(Lake.metadata(second).get(LakeWriter.ROWS_KEY)).isEqualTo("510");
    try (DuckDb duck = new DuckDb(root)) {
      assertThat(LakeReads.protocolCounts(duck, lake)).containsExactly(510, 510);
      assertThat(duck.countEvents()).isEqualTo(510); // the inputs are gone: a plain glob agrees
    }
  }

  @Test
  void neverTouchesTheQuarantineTable() throws Exception {
    LakeWriter writer = LakeReads.writer(root);
    for (int f = 0; f < 10; f++) {
      SourceCoverage coverage = new SourceCoverage();
      coverage.add(new SourcePartition("raw", 0), f);
      writer.writeQuarantine("acme", DAY, List.of(quarantined("q-" + f, f)), coverage);
    }

    assertThat(compactor(aggressive()).runOnce()).isEmpty();

    try (var files = Files.walk(root.resolve("quarantine"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".parquet"))).hasSize(10);
    }
  }

  static QuarantineRow quarantined(String id, long offset) {
    return new QuarantineRow(
        "acme",
        DAY,
        id,
        "m-" + id,
        "test-source",
        "decode",
        null,
        "invalid-json",
        "[]",
        "{".getBytes(StandardCharsets.UTF_8),
        Instant.parse("2026-12-03T10:00:00Z"),
        "raw",
        0L,
        offset,
        "");
  }
}
