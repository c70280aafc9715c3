package org.opencdp.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.query.TestClient.body;
import static org.opencdp.query.TestClient.json;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
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
 * Queries over a lake that compaction is rewriting (ARCHITECTURE §6), over real HTTP on DuckDB. The
 * listing is kept a minute, so a query may well run on a listing older than the compaction.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cdp.data-dir=target/test-data",
      "cdp.query.lake-listing-ttl=1m",
      "cdp.query.cache.enabled=false"
    })
class CompactedLakeTest {

  static final TestLake LAKE = TestLake.fresh("compacted");
  static final String COUNTS =
      "select count(*), count(distinct message_id), sum(quantity) from events";

  @DynamicPropertySource
  static void lakeRoot(DynamicPropertyRegistry registry) {
    registry.add("cdp.lake.root", () -> LAKE.root().toString());
  }

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;
  TestClient client;

  @BeforeEach
  void client() {
    client = new TestClient(port, signer);
  }

  @Test
  void countsEachRowOnceWhileACompactedFileAndItsInputsAreBothThere() {
    LAKE.events("both", 0, 300).events("both", 300, 600);
    LAKE.compact(LAKE.eventsDay("both", LocalDate.parse("2026-12-01")));
    LAKE.compact(LAKE.eventsDay("both", LocalDate.parse("2026-12-02")));

    JsonNode row = counts("both");

    assertThat(row.get(0).asLong()).isEqualTo(600);
    assertThat(row.get(1).asLong()).isEqualTo(600);
    assertThat(row.get(2).asLong()).isEqualTo(quantities(600));
  }

  @Test
  void retriesAQueryWhoseListedFilesWereCompactedAway() {
    LAKE.events("gone", 0, 300).events("gone", 300, 600);
    assertThat(counts("gone").get(0).asLong()).isEqualTo(600); // lists, and keeps the listing

    List<TestLake.Compaction> compactions = new ArrayList<>();
    for (int day = 1; day <= 3; day++) {
      compactions.add(LAKE.compact(LAKE.eventsDay("gone", LocalDate.parse("2026-12-0" + day))));
    }
    compactions.forEach(TestLake.Compaction::deleteInputs);
    JsonNode row = counts("gone");

    assertThat(row.get(0).asLong()).isEqualTo(600);
    assertThat(row.get(1).asLong()).isEqualTo(600);
    assertThat(row.get(2).asLong()).isEqualTo(quantities(600));
  }

  private JsonNode counts(String tenant) {
    HttpResponse<String> response = client.sql(tenant, body(COUNTS));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).path("rows").get(0);
  }

  /** {@code sum(quantity)} of events 0..n-1: quantity is {@code i % 4}. */
  private static long quantities(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += i % 4;
    }
    return sum;
  }
}
