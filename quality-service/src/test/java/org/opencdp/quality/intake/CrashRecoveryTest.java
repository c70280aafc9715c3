package org.opencdp.quality.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencdp.event.lake.EventRow;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.DuckDb;
import org.opencdp.quality.QualityApplication;
import org.opencdp.quality.TestEvents;
import org.opencdp.quality.compaction.LakeReads;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeMerge;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.SourceCoverage;
import org.opencdp.quality.lake.SourcePartition;
import org.opencdp.testkit.ConsumedRecord;
import org.opencdp.testkit.Infrastructure;
import org.springframework.util.unit.DataSize;

/**
 * quality-service as its own OS process, SIGKILLed several times while a stream of events is being
 * written and its files compacted every second, then restarted: the lake ends with every produced
 * messageId exactly once, for a reader following the lake protocol and on disk.
 */
class CrashRecoveryTest {

  static final int EVENTS = 8_000;
  static final int KILLS = 3;

  final String id = UUID.randomUUID().toString();
  final String raw = "it.crash.raw." + id;
  final Path lake = Path.of("target/test-lakes", "crash-" + id).toAbsolutePath();
  final Path logs = Path.of("target", "crash-" + id).toAbsolutePath();

  @Test
  void landsEveryEventExactlyOnceAcrossRepeatedKills() throws Exception {
    Producing.createTopics(3, raw, "it.crash.clean." + id, "it.crash.quarantine." + id);
    Files.createDirectories(logs);
    CompletableFuture<List<String>> produced = CompletableFuture.supplyAsync(this::produceSlowly);
    try (DuckDb duck = new DuckDb(lake)) {
      for (int run = 0; run < KILLS; run++) {
        Process service = start(run);
        try {
          long before = counts(duck)[0];
          awaitMoreRows(duck, before, service);
          Thread.sleep(150 + run * 250L); // somewhere in the middle of a write, or between
        } finally {
          service.destroyForcibly(); // SIGKILL: no shutdown hook, no final flush, no commit
          service.waitFor(30, TimeUnit.SECONDS);
        }
      }
      List<String> ids = produced.get(120, TimeUnit.SECONDS);
      Process last = start(KILLS);
      try {
        awaitDistinct(duck, ids.size(), last);
        assertThat(counts(duck)).containsExactly(EVENTS, EVENTS);
      } finally {
        last.destroy(); // a graceful stop: a compaction under way finishes first
        last.waitFor(30, TimeUnit.SECONDS);
      }
      // on disk, read with a plain glob: nothing superseded is left, nothing is missing
      Map<String, Object> counts =
          duck.query("select count(*) n, count(distinct message_id) d from {events}").get(0);
      assertThat(((Number) counts.get("n")).longValue()).isEqualTo(EVENTS);
      assertThat(((Number) counts.get("d")).longValue()).isEqualTo(EVENTS);
      assertThat(
              duck.query("select message_id from {events}").stream()
                  .map(r -> (String) r.get("message_id")))
          .containsExactlyInAnyOrderElementsOf(ids);
      List<String> names =
          duck.query("select file from glob('" + lake + "/events/**/*.parquet')").stream()
              .map(r -> Path.of((String) r.get("file")).getFileName().toString())
              .toList();
      assertThat(names)
          .allSatisfy(name -> assertThat(name).matches("(part|compact)-\\d{13}-.*\\.parquet"))
          .anySatisfy(name -> assertThat(name).startsWith("compact-"));
    }
  }

  /**
   * A compaction killed between its rename and its deletes: the compacted file and its inputs are
   * both in the lake, and a hidden half-written compaction long untouched too. The next start
   * removes the inputs and the hidden file, and the intake skips what the compacted file holds (the
   * union of its inputs' offsets) though no offset was ever committed.
   */
  @Test
  void aRestartAfterACompactionKilledBeforeItsDeletesLandsEveryEventOnce() throws Exception {
    Producing.createTopics(1, raw, "it.crash.clean." + id, "it.crash.quarantine." + id);
    Files.createDirectories(logs);
    try (Producing producing = new Producing(raw)) {
      producing.orders("acme", "compacted-", 0, 100);
    }
    List<ConsumedRecord> records = Infrastructure.kafka().readAll(raw, Duration.ofSeconds(10));
    assertThat(records).hasSize(100);
    LakeWriter writer = LakeReads.writer(lake);
    List<Path> inputs = new ArrayList<>();
    LocalDate day = null;
    for (int from = 0; from < 60; from += 20) {
      SourceCoverage coverage = new SourceCoverage();
      List<EventRow> rows = new ArrayList<>();
      for (ConsumedRecord record : records.subList(from, from + 20)) {
        rows.add(EventRow.of(TestEvents.CODEC.decode(record.value())));
        coverage.add(new SourcePartition(raw, record.partition()), record.offset());
      }
      day = rows.get(0).eventDate();
      inputs.add(writer.writeEvents("acme", day, rows, coverage).path());
    }
    Path partition = new Lake(LakeReads.properties(lake)).partition(LakeTable.EVENTS, "acme", day);
    LakeMerge.Prepared killed = LakeMerge.prepare(writer, LakeTable.EVENTS, partition, inputs);
    killed.commit(); // SIGKILL here: no input deleted
    LakeMerge.prepare(writer, LakeTable.EVENTS, partition, inputs); // and one never renamed
    List<Path> halfWritten;
    try (var files = Files.list(partition)) {
      halfWritten = files.filter(p -> p.getFileName().toString().startsWith(".compact-")).toList();
    }
    assertThat(halfWritten).hasSize(1);
    // untouched for longer than a live writer would leave it: a dead one's (a younger one could be
    // another replica's, and the start leaves it to the compactor's sweep)
    Files.setLastModifiedTime(
        halfWritten.get(0),
        FileTime.from(Instant.now().minus(Lake.UNFINISHED_AFTER).minusSeconds(60)));
    try (DuckDb duck = new DuckDb(lake)) {
      assertThat(duck.countEvents()).as("before the start, a glob counts twice").isEqualTo(120);
    }

    Process service = start(0);
    try (DuckDb duck = new DuckDb(lake)) {
      awaitDistinct(duck, 100, service);
      assertThat(counts(duck)).containsExactly(100, 100);
      assertThat(inputs).allSatisfy(input -> assertThat(input).doesNotExist());
      assertThat(halfWritten.get(0)).doesNotExist();
    } finally {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }
    try (DuckDb duck = new DuckDb(lake)) {
      assertThat(duck.value("select count(*) from {events}")).isEqualTo(100L);
      assertThat(duck.value("select count(distinct message_id) from {events}")).isEqualTo(100L);
    }
  }

  /** count(*) and count(DISTINCT message_id) of what a protocol reader reads. */
  private long[] counts(DuckDb duck) {
    return LakeReads.protocolCounts(duck, new Lake(LakeReads.properties(lake)));
  }

  /**
   * The narrowest window: a file renamed into place, the process killed before it committed. The
   * lake is prepared in that state (a fresh group has committed nothing); the service must skip
   * what the file holds rather than write it twice.
   */
  @Test
  void skipsRecordsALakeFileHoldsThoughTheirOffsetsWereNeverCommitted() throws Exception {
    Producing.createTopics(1, raw, "it.crash.clean." + id, "it.crash.quarantine." + id);
    Files.createDirectories(logs);
    try (Producing producing = new Producing(raw)) {
      producing.orders("acme", "window-", 0, 100);
    }
    List<ConsumedRecord> records = Infrastructure.kafka().readAll(raw, Duration.ofSeconds(10));
    assertThat(records).hasSize(100);
    SourceCoverage coverage = new SourceCoverage();
    List<EventRow> rows = new ArrayList<>();
    for (ConsumedRecord record : records.subList(0, 60)) {
      rows.add(EventRow.of(TestEvents.CODEC.decode(record.value())));
      coverage.add(new SourcePartition(raw, record.partition()), record.offset());
    }
    new LakeWriter(
            new LakeProperties(
                lake,
                DataSize.ofMegabytes(64),
                Duration.ofSeconds(2),
                1000,
                DataSize.ofMegabytes(8)),
            Clock.systemUTC())
        .writeEvents("acme", rows.get(0).eventDate(), rows, coverage);

    Process service = start(0);
    try (DuckDb duck = new DuckDb(lake)) {
      awaitDistinct(duck, 100, service);
      assertThat(counts(duck)).containsExactly(100, 100);
    } finally {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private List<String> produceSlowly() {
    List<String> ids = new ArrayList<>();
    try (Producing producing = new Producing(raw)) {
      for (int from = 0; from < EVENTS; from += 200) {
        ids.addAll(producing.orders("acme", "crash-", from, from + 200));
        // ~40 s in all: longer than the killed runs take (each starts in 6-10 s), so every one of
        // them has new records to land; produced at once, the second run could land them all and
        // leave the third nothing to write
        Thread.sleep(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ids;
  }

  private Process start(int run) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
            "-cp",
            System.getProperty("java.class.path"),
            QualityApplication.class.getName(),
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + Infrastructure.kafka().bootstrapServers(),
            "--cdp.kafka.topics.raw-events=" + raw,
            "--cdp.kafka.topics.clean-events=it.crash.clean." + id,
            "--cdp.kafka.topics.quarantine-events=it.crash.quarantine." + id,
            "--cdp.kafka.create-topics=false",
            "--cdp.data-dir=target/test-data/crash-" + id,
            "--cdp.lake.root=" + lake,
            "--cdp.lake.max-file-age=250ms",
            "--cdp.lake.max-buffered-rows=300",
            "--cdp.quality.intake.group-id=crash-" + id,
            "--cdp.quality.intake.instance-id=quality-0",
            // aggressive compaction, so that kills land in the middle of compactions too
            "--cdp.lake.compaction.enabled=true",
            "--cdp.lake.compaction.interval=1s",
            "--cdp.lake.compaction.min-files=2",
            "--cdp.lake.compaction.min-file-age=0s",
            "--logging.level.org.apache.kafka=WARN")
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve("run-" + run + ".log").toFile())
        .start();
  }

  private void awaitMoreRows(DuckDb duck, long before, Process service) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(service.isAlive()).as("quality-service exited on its own").isTrue();
      if (counts(duck)[0] > before) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("quality-service wrote nothing in 90 s");
  }

  private void awaitDistinct(DuckDb duck, long expected, Process service) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    long distinct = 0;
    while (System.nanoTime() < deadline) {
      assertThat(service.isAlive()).as("quality-service exited on its own").isTrue();
      distinct = counts(duck)[1];
      if (distinct >= expected) {
        Thread.sleep(1_000); // anything still arriving would be a duplicate: give it the chance
        return;
      }
      Thread.sleep(200);
    }
    assertThat(distinct).as("distinct messageIds in the lake").isEqualTo(expected);
  }
}
