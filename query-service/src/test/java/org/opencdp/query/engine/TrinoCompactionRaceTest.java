package org.opencdp.query.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.query.SharedTrino;
import org.opencdp.query.TestLake;
import org.opencdp.query.lake.CompactedFooters;
import org.opencdp.query.lake.LakeProperties;
import org.opencdp.query.lake.LogicalTables;
import org.opencdp.query.lake.TenantLake;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.testkit.TrinoServer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Compaction and new files racing Trino queries on a real Trino, whose Hive connector lists the
 * folders itself: every answer holds each row once and every row committed before it was asked.
 */
class TrinoCompactionRaceTest {

  static final String TENANT = "xrace";
  static final List<LocalDate> DAYS =
      List.of(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
  static final String COUNTS = "select count(*), count(distinct message_id) from events";

  /**
   * Longer than a Trino count takes here, so queries surely list both a compacted file and its
   * inputs.
   */
  static final long WINDOW_MS = 600;

  static TrinoServer trino;
  static TestLake lake;
  static TrinoEngine engine;
  static TenantLake tenantLake;
  static final Cancellations cancellations = new Cancellations();

  final AtomicLong nextId = new AtomicLong();
  final AtomicLong written = new AtomicLong();
  final AtomicLong committed = new AtomicLong();
  final ConcurrentSkipListMap<Long, Long> history = new ConcurrentSkipListMap<>();
  final AtomicBoolean stop = new AtomicBoolean();
  final Queue<String> wrong = new ConcurrentLinkedQueue<>();
  final AtomicInteger answered = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();

  @BeforeAll
  static void start() {
    trino = SharedTrino.server();
    lake = new TestLake(trino.lakeRoot());
    LakeProperties where = new LakeProperties(trino.lakeRoot());
    tenantLake = new TenantLake(where, new LogicalTables(), new CompactedFooters(where));
    QueryProperties properties =
        new Binder(
                new MapConfigurationPropertySource(
                    Map.of(
                        "cdp.query.trino.enabled", "true", "cdp.query.trino.url", trino.jdbcUrl())))
            .bindOrCreate("cdp.query", QueryProperties.class);
    engine = new TrinoEngine(properties, tenantLake, cancellations);
  }

  @AfterAll
  static void stopAll() {
    cancellations.destroy();
  }

  @Test
  void noAnswerCountsARowTwiceOrMissesOneWhileCompactionRuns() throws Exception {
    for (LocalDate day : DAYS) {
      addPart(day, 50);
      addPart(day, 50);
    }
    ask(); // creates the tenant's tables and syncs both partitions
    AtomicInteger compactions = new AtomicInteger();
    Thread writer =
        new Thread(
            () -> {
              for (int n = 0; !stop.get(); n++) {
                addPart(DAYS.get(n % DAYS.size()), 10);
                pause(60);
              }
            });
    writer.start();
    Thread compactor =
        new Thread(
            () -> {
              for (int n = 0; !stop.get(); n++) {
                TestLake.Compaction compaction =
                    lake.compact(lake.eventsDay(TENANT, DAYS.get(n % DAYS.size())));
                if (compaction == null) {
                  pause(50);
                  continue;
                }
                if (n % 3 < 2) {
                  pause(WINDOW_MS); // a slow delete: a query meanwhile lists both
                } // else a quick one: a query that listed the inputs may find them gone
                compaction.deleteInputs();
                compactions.incrementAndGet();
                pause(300);
              }
            });
    compactor.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while ((compactions.get() < 8 || answered.get() < 25) && System.nanoTime() < deadline) {
      ask();
    }
    stop.set(true);
    writer.join();
    compactor.join();

    assertThat(wrong).as("%d answers, %d refused", answered.get(), refused.get()).isEmpty();
    assertThat(compactions.get()).isGreaterThanOrEqualTo(8);
    assertThat(answered.get()).isGreaterThanOrEqualTo(25);
    // three runs all overlapped by a compaction: rare even at this pace
    assertThat(refused.get()).isLessThan(answered.get() / 4 + 1);
  }

  private void ask() {
    var visible = history.floorEntry(System.nanoTime());
    long before = visible == null ? 0 : visible.getValue();
    QueryResult result;
    try {
      result =
          engine.execute(
              new TenantQuery(
                  TENANT,
                  COUNTS,
                  List.of(),
                  10,
                  Duration.ofSeconds(30),
                  tenantLake.version(TENANT)));
    } catch (ProblemException e) {
      if (e.code() == QueryErrorCode.LAKE_CHANGED) {
        refused.incrementAndGet();
      } else {
        wrong.add(e.code() + ": " + e.detail());
      }
      return;
    }
    long after = written.get();
    answered.incrementAndGet();
    long count = ((Number) result.rows().get(0).get(0)).longValue();
    long distinct = ((Number) result.rows().get(0).get(1)).longValue();
    if (count != distinct || count < before || count > after) {
      wrong.add(
          "count " + count + ", distinct " + distinct + ", committed " + before + ".." + after);
    }
  }

  private void addPart(LocalDate day, int rows) {
    long from = nextId.getAndAdd(rows);
    written.addAndGet(rows); // may be seen from the moment it is renamed into place
    lake.part(TENANT, day, from, from + rows);
    history.put(System.nanoTime(), committed.addAndGet(rows));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
