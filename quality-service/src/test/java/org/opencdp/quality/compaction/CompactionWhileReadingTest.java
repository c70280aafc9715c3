package org.opencdp.quality.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opencdp.event.lake.LakeFiles;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.DuckDb;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeListener;
import org.opencdp.quality.lake.LakeWriter;
import org.springframework.util.unit.DataSize;

/**
 * A writer keeps adding files to one partition while two compactors (two replicas on one lake)
 * merge them again and again and readers keep listing it by the lake protocol and counting what
 * they listed with DuckDB: no read ever sees a row twice or misses a durable one.
 */
class CompactionWhileReadingTest {

  static final LocalDate DAY = LocalDate.of(2026, 12, 3);
  static final int ROWS_PER_FILE = 20;
  static final Duration MAX_WRITING = Duration.ofSeconds(90);
  static final int MIN_FILES = 60;
  static final int MIN_READS = 40;
  static final int MIN_COMPACTIONS = 10;

  final Path root =
      Path.of("target/test-lakes", "compaction-" + UUID.randomUUID()).toAbsolutePath();

  @Test
  void everyReadSeesEachDurableRowExactlyOnceWhileCompactionsRun() throws Exception {
    LakeWriter writer = LakeReads.writer(root);
    Lake lake = new Lake(LakeReads.properties(root));
    CompactionProperties properties =
        new CompactionProperties(
            true,
            Duration.ofMillis(20),
            2,
            Duration.ZERO,
            DataSize.ofMegabytes(64),
            16,
            Duration.ofMinutes(10));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Compactor> compactors =
        List.of(
            new Compactor(lake, writer, properties, Clock.systemUTC(), registry, LakeListener.NONE),
            new Compactor(
                new Lake(LakeReads.properties(root)),
                LakeReads.writer(root),
                properties,
                Clock.systemUTC(),
                registry,
                LakeListener.NONE));
    AtomicLong durable = new AtomicLong();
    AtomicLong begun = new AtomicLong();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger retried = new AtomicInteger();
    AtomicInteger sawSuperseded = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    try (DuckDb warm = new DuckDb(root)) {
      warm.value("select 1"); // loads DuckDB's native library once, before the race
    }
    writeOrders(writer, 0); // the partition exists before the compactors look
    durable.addAndGet(ROWS_PER_FILE);
    begun.addAndGet(ROWS_PER_FILE);

    ExecutorService threads = Executors.newFixedThreadPool(3);
    compactors.forEach(Compactor::start);
    try {
      Future<?> writes =
          threads.submit(
              () -> {
                long deadline = System.nanoTime() + MAX_WRITING.toNanos();
                for (int f = 1; System.nanoTime() < deadline; f++) {
                  if (f > MIN_FILES
                      && reads.get() >= MIN_READS
                      && registry.counter("cdp.lake.compaction.compactions").count()
                          >= MIN_COMPACTIONS) {
                    break;
                  }
                  begun.addAndGet(ROWS_PER_FILE); // visible from the rename on, maybe before
                  writeOrders(writer, f * ROWS_PER_FILE);
                  durable.addAndGet(ROWS_PER_FILE); // surely visible once the write returned
                  pause(5);
                }
                writing.set(false);
                return null;
              });
      List<Future<?>> readers =
          List.of(
              threads.submit(
                  () ->
                      read(lake, durable, begun, writing, reads, retried, sawSuperseded, failures)),
              threads.submit(
                  () ->
                      read(
                          lake, durable, begun, writing, reads, retried, sawSuperseded, failures)));
      writes.get(60, TimeUnit.SECONDS);
      for (Future<?> reader : readers) {
        reader.get(60, TimeUnit.SECONDS);
      }
    } finally {
      compactors.forEach(Compactor::stop);
      threads.shutdownNow();
    }

    System.out.printf(
        "compaction-while-reading: %d rows, %d reads (%d retried after a file vanished, %d listed"
            + " superseded inputs), %.0f compactions%n",
        durable.get(),
        reads.get(),
        retried.get(),
        sawSuperseded.get(),
        registry.counter("cdp.lake.compaction.compactions").count());
    assertThat(failures).as("reads that saw a row twice or missed one").isEmpty();
    assertThat(reads.get()).as("reads done").isGreaterThanOrEqualTo(MIN_READS);
    assertThat(registry.counter("cdp.lake.compaction.compactions").count())
        .as("compactions done")
        .isGreaterThanOrEqualTo(MIN_COMPACTIONS);
    try (DuckDb duck = new DuckDb(root)) {
      assertThat(LakeReads.protocolCounts(duck, lake))
          .containsExactly(durable.get(), durable.get());
    }
    assertThat(lake.files(LakeTable.EVENTS, "acme", DAY).size())
        .as("files left of %d written", durable.get() / ROWS_PER_FILE)
        .isLessThan((int) (durable.get() / ROWS_PER_FILE) / 2);
  }

  private static Void read(
      Lake lake,
      AtomicLong durable,
      AtomicLong begun,
      AtomicBoolean writing,
      AtomicInteger reads,
      AtomicInteger retried,
      AtomicInteger sawSuperseded,
      ConcurrentLinkedQueue<String> failures) {
    try (DuckDb duck = new DuckDb(lake.root())) {
      duck.value("select 1"); // DuckDB is loaded before the first timed read
      while (writing.get()) {
        long before = durable.get();
        List<Path> listed = Lake.listComplete(lake.partition(LakeTable.EVENTS, "acme", DAY));
        long[] counts;
        List<Path> files = lake.files(LakeTable.EVENTS, "acme", DAY);
        try {
          counts = LakeReads.counts(duck, files);
        } catch (IllegalStateException e) {
          if (!LakeReads.vanished(e)) {
            throw e;
          }
          retried.incrementAndGet(); // a listed file was compacted away: list and read once more
          before = durable.get();
          files = lake.files(LakeTable.EVENTS, "acme", DAY);
          try {
            counts = LakeReads.counts(duck, files);
          } catch (IllegalStateException again) {
            if (!LakeReads.vanished(again)) {
              throw again;
            }
            retried.incrementAndGet();
            continue;
          }
        }
        long after = begun.get();
        reads.incrementAndGet();
        if (LakeFiles.superseded(listed, CompactionWhileReadingTest::compactedFrom).stream()
            .anyMatch(listed::contains)) {
          sawSuperseded.incrementAndGet();
        }
        if (counts[0] != counts[1] || counts[0] < before || counts[0] > after) {
          failures.add(
              "read %d rows, %d distinct, with %d durable before and %d begun after: %s"
                  .formatted(counts[0], counts[1], before, after, files));
        }
      }
    }
    return null;
  }

  /** A listed file's inputs; none once it is gone (only for counting what readers saw). */
  private static List<String> compactedFrom(Path file) {
    try {
      return Lake.compactedFrom(file);
    } catch (java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  private void writeOrders(LakeWriter writer, int from) {
    LakeReads.writeOrders(writer, "acme", DAY, "raw", "m-", from, ROWS_PER_FILE);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
