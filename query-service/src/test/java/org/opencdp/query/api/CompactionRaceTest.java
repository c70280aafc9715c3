package org.opencdp.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.query.TestClient.body;
import static org.opencdp.query.TestClient.json;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opencdp.query.TestClient;
import org.opencdp.query.TestLake;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Compaction and new files racing queries, with the service's defaults for the listing and the
 * result cache: every answer holds each row once and every row committed before it was asked.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cdp.data-dir=target/test-data", "cdp.query.lake-listing-ttl=200ms"})
class CompactionRaceTest {

  static final TestLake LAKE = TestLake.fresh("race");
  static final String TENANT = "race";
  static final List<LocalDate> DAYS =
      List.of(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
  static final String COUNTS = "select count(*), count(distinct message_id) from events";

  /** The listing's lifetime (lake-listing-ttl) and a margin. */
  static final long LISTING_MS = 200 + 50;

  /** Longer than the listing is kept, so a query in the window lists both files. */
  static final long WINDOW_MS = 300;

  @DynamicPropertySource
  static void lakeRoot(DynamicPropertyRegistry registry) {
    registry.add("cdp.lake.root", () -> LAKE.root().toString());
  }

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;

  final AtomicLong nextId = new AtomicLong();
  final AtomicLong written = new AtomicLong();
  final AtomicLong committed = new AtomicLong();
  final ConcurrentSkipListMap<Long, Long> history = new ConcurrentSkipListMap<>();
  final AtomicBoolean stop = new AtomicBoolean();
  final Queue<String> wrong = new ConcurrentLinkedQueue<>();
  final AtomicInteger answered = new AtomicInteger();
  final AtomicInteger lakeChanged = new AtomicInteger();

  @Test
  void noAnswerCountsARowTwiceOrMissesOneWhileCompactionRuns() throws Exception {
    TestClient client = new TestClient(port, signer);
    for (LocalDate day : DAYS) {
      addPart(day, 50);
      addPart(day, 50);
    }
    AtomicInteger compactions = new AtomicInteger();
    Thread writer =
        new Thread(
            () -> {
              for (int n = 0; !stop.get(); n++) {
                addPart(DAYS.get(n % DAYS.size()), 10);
                pause(40);
              }
            });
    writer.start();
    Thread compactor =
        new Thread(
            () -> {
              for (int n = 0; !stop.get(); n++) {
                TestLake.Compaction compaction =
                    LAKE.compact(LAKE.eventsDay(TENANT, DAYS.get(n % DAYS.size())));
                if (compaction == null) {
                  pause(50);
                  continue;
                }
                if (n % 4 < 2) {
                  pause(WINDOW_MS); // a slow delete: queries meanwhile list both
                  ask(client); // one surely does
                } // else a quick one: a query on a listing kept from before loses files
                compaction.deleteInputs();
                compactions.incrementAndGet();
                pause(50);
              }
            });
    compactor.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while ((compactions.get() < 12 || answered.get() < 40) && System.nanoTime() < deadline) {
      ask(client);
    }
    stop.set(true);
    writer.join();
    compactor.join();

    assertThat(wrong)
        .as("%d answers, %d lake-changed", answered.get(), lakeChanged.get())
        .isEmpty();
    assertThat(compactions.get()).isGreaterThanOrEqualTo(12);
    // a query whose fresh listings were all compacted away may give up, but hardly ever
    assertThat(lakeChanged.get()).isLessThanOrEqualTo(1);
  }

  private void ask(TestClient client) {
    // a new file is visible once the listing kept for lake-listing-ttl is renewed
    var visible = history.floorEntry(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(LISTING_MS));
    long before = visible == null ? 0 : visible.getValue();
    HttpResponse<String> response = client.sql(TENANT, body(COUNTS));
    long after = written.get();
    if (response.statusCode() == 503
        && json(response).path("code").asString().equals("lake-changed")) {
      lakeChanged.incrementAndGet();
      return;
    }
    if (response.statusCode() != 200) {
      wrong.add(response.statusCode() + " " + response.body());
      return;
    }
    answered.incrementAndGet();
    JsonNode row = json(response).path("rows").get(0);
    long count = row.get(0).asLong();
    long distinct = row.get(1).asLong();
    if (count != distinct || count < before || count > after) {
      wrong.add(
          "count " + count + ", distinct " + distinct + ", committed " + before + ".." + after);
    }
  }

  private void addPart(LocalDate day, int rows) {
    long from = nextId.getAndAdd(rows);
    written.addAndGet(rows); // may be seen from the moment it is renamed into place
    LAKE.part(TENANT, day, from, from + rows);
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
