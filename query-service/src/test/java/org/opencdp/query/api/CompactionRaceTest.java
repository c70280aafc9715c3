package org.opencdp.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.query.TestClient.body;
import static org.opencdp.query.TestClient.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencdp.query.CompactionRace;
import org.opencdp.query.CompactionRace.Answer;
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

  @Test
  void noAnswerCountsARowTwiceOrMissesOneWhileCompactionRuns() throws Exception {
    TestClient client = new TestClient(port, signer);
    // two of four deletes slow, with one query surely in their window; the quick ones catch a
    // query on a listing kept from before that loses files
    CompactionRace race =
        new CompactionRace(LAKE, TENANT, 40, WINDOW_MS, 2, 4, true, 50, LISTING_MS);

    CompactionRace.Outcome outcome = race.run(() -> ask(client), 12, 40, Duration.ofSeconds(90));

    assertThat(outcome.wrong())
        .as("%d answers, %d lake-changed", outcome.answered(), outcome.refused())
        .isEmpty();
    assertThat(outcome.compactions()).isGreaterThanOrEqualTo(12);
    // a query whose fresh listings were all compacted away may give up, but hardly ever
    assertThat(outcome.refused()).isLessThanOrEqualTo(1);
  }

  private static Answer ask(TestClient client) {
    HttpResponse<String> response = client.sql(TENANT, body(CompactionRace.COUNTS));
    if (response.statusCode() == 503
        && json(response).path("code").asString().equals("lake-changed")) {
      return Answer.REFUSED;
    }
    if (response.statusCode() != 200) {
      return Answer.failed(response.statusCode() + " " + response.body());
    }
    JsonNode row = json(response).path("rows").get(0);
    return Answer.counts(row.get(0).asLong(), row.get(1).asLong());
  }
}
