package org.opencdp.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.launcher.e2e.Client.JSON;
import static org.opencdp.launcher.e2e.Client.basic;
import static org.opencdp.launcher.e2e.Client.bearer;
import static org.opencdp.launcher.e2e.Client.describe;
import static org.opencdp.launcher.e2e.Client.json;
import static org.opencdp.launcher.e2e.Client.poll;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencdp.launcher.e2e.Api.Tenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real platform, started once as {@code ./cdp up --no-build} starts it, driven only through the
 * gateway with the keys a client has: ingest to SQL, quarantine and replay, tenant isolation, the
 * knowledge base, and services SIGKILLed mid-stream without losing or doubling an event.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndTest {

  private static LocalPlatform platform;
  private static Client client;
  private static Tenant demo;
  private static Api api;
  private static long classStart;

  @BeforeAll
  static void startPlatform() throws Exception {
    classStart = System.nanoTime();
    platform = LocalPlatform.start();
    Map<String, String> credentials = platform.credentials();
    assertThat(credentials)
        .containsKeys("CDP_GATEWAY_URL", "CDP_ADMIN_KEY", "CDP_WRITE_KEY", "CDP_SECRET_KEY")
        .containsEntry("CDP_TENANT", "demo")
        .containsEntry("CDP_GATEWAY_URL", platform.gatewayUrl());
    client = new Client(credentials.get("CDP_GATEWAY_URL"));
    api = new Api(client, credentials.get("CDP_ADMIN_KEY"));
    demo = new Tenant("demo", credentials.get("CDP_WRITE_KEY"), credentials.get("CDP_SECRET_KEY"));
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      List<String> leftOver = platform.stop();
      System.out.printf("e2e: whole class %.1f s%n", (System.nanoTime() - classStart) / 1e9);
      assertThat(leftOver)
          .as("processes `down` did not stop (killed now)\n%s", platform.stopReport())
          .isEmpty();
    }
  }

  @Test
  @Order(1)
  void eventsSentToTheGatewayLandInTheLakeOnceAndAreQueryableBySql() throws Exception {
    long start = System.nanoTime();
    String marker = marker("ingest");
    int n = 120;
    api.send(demo, marker, 0, n, 60);

    JsonNode counts = api.awaitCount(demo, marker, n);
    assertThat(counts.path("rows").get(0).get(1).asLong()).isEqualTo(n);
    HttpResponse<String> tables = client.get("/v1/query/tables", bearer(demo.secretKey()));
    assertThat(tables.statusCode()).as(describe(tables)).isEqualTo(200);
    assertThat(tables.body()).contains("events", "quarantine", "message_id");
    took("ingest -> lake -> SQL", start);
  }

  @Test
  @Order(2)
  void twoTenantsNeverSeeEachOthersEvents() throws Exception {
    long start = System.nanoTime();
    Tenant b = api.createTenant("e2eb");
    String markerA = marker("iso-a");
    String markerB = marker("iso-b");
    api.send(demo, markerA, 0, 7, 7);
    api.send(b, markerB, 0, 5, 5);

    api.awaitCount(b, markerB, 5);
    api.awaitCount(demo, markerA, 7);
    assertThat(api.count(demo, markerB)).as("A sees B's events").isZero();
    assertThat(api.count(b, markerA)).as("B sees A's events").isZero();
    JsonNode all = client.sql(b.secretKey(), "select count(*) from events");
    assertThat(all.path("rows").get(0).get(0).asLong()).as("B's whole lake").isEqualTo(5);

    HttpResponse<String> writeKeyRead =
        client.post("/v1/query/sql", basic(b.writeKey()), "{\"sql\":\"select 1\"}");
    assertThat(writeKeyRead.statusCode()).as(describe(writeKeyRead)).isIn(401, 403);
    HttpResponse<String> othersKeys =
        client.get("/v1/admin/tenants/demo/keys", bearer(b.secretKey()));
    assertThat(othersKeys.statusCode()).as(describe(othersKeys)).isEqualTo(403);
    assertThat(othersKeys.body()).doesNotContain("cdp_");
    took("tenant isolation", start);
  }

  @Test
  @Order(3)
  void aQuarantinedEventIsReplayedOnceAfterThePlanIsRelaxed() throws Exception {
    long start = System.nanoTime();
    // its own tenant: a quarantine-mode plan makes every event it does not name unplanned
    Tenant t = api.createTenant("e2eq");
    String marker = marker("plan");
    Api.ok(
        client.post("/v1/quality/tracking-plans", bearer(t.secretKey()), Api.plan(marker, true)),
        201);
    String messageId = marker + "-0";
    api.send(t, marker, 0, 1, 1);

    JsonNode item =
        poll(
            Api.LANDING,
            Duration.ofMillis(500),
            () -> api.quarantined(t, messageId),
            node -> !node.isMissingNode(),
            "quarantined " + messageId);
    assertThat(item.path("reasons").toString()).contains("required_missing", "plan_code");
    assertThat(api.count(t, marker)).isZero();

    Api.ok(
        client.put(
            "/v1/quality/tracking-plans/signup", bearer(t.secretKey()), Api.plan(marker, false)),
        200);
    String id = item.path("id").asString();
    JsonNode replayed = api.replay(t, id);
    assertThat(replayed.path("items").get(0).path("result").asString())
        .as(replayed.toString())
        .isEqualTo("replayed");
    api.awaitCount(t, marker, 1);

    JsonNode again = api.replay(t, id);
    assertThat(again.path("items").get(0).path("result").asString()).startsWith("skipped");
    Thread.sleep(5_000); // longer than the lake's max file age: a second copy would have landed
    assertThat(api.count(t, marker)).isEqualTo(1);
    took("quarantine and replay", start);
  }

  @Test
  @Order(4)
  void aChineseDocumentAnswersAChineseQuestionWithACitation() throws Exception {
    long start = System.nanoTime();
    ObjectNode document =
        JSON.createObjectNode()
            .put("documentId", "doc-1")
            .put("title", "Q2 review")
            .put("text", "产品A的Q2销量同比增长30%")
            .put("language", "zh");
    Api.ok(
        client.postRetrying("/v1/documents", basic(demo.writeKey()), document, Api.LANDING), 202);

    String question = "{\"question\":\"产品A的市场表现如何?\",\"language\":\"zh\"}";
    JsonNode answer =
        poll(
            Duration.ofSeconds(90),
            Duration.ofMillis(2500), // the ai rate class refills one call every 2 s
            () -> {
              HttpResponse<String> r =
                  client.post("/v1/knowledge/ask", bearer(demo.secretKey()), question);
              return r.statusCode() == 200
                  ? json(r)
                  : JSON.createObjectNode().put("status", r.statusCode());
            },
            node -> node.path("grounded").asBoolean(),
            "a grounded answer");
    assertThat(answer.path("answer").asString()).contains("30%");
    assertThat(answer.path("citations").findValuesAsString("documentId")).contains("doc-1");
    took("knowledge base", start);
  }

  @Test
  @Order(5)
  void killingQualityServiceMidStreamLosesAndDoublesNothing() throws Exception {
    killMidStream("quality-service");
  }

  @Test
  @Order(6)
  void killingIngestServiceMidStreamLosesNothingTheClientRetries() throws Exception {
    killMidStream("ingest-service");
  }

  private void killMidStream(String service) throws Exception {
    long start = System.nanoTime();
    String marker = marker("kill-" + service);
    int m = 1500;
    int batch = 25;
    AtomicInteger sent = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    Thread sender =
        new Thread(
            () -> {
              try {
                for (int from = 0; from < m; from += batch) {
                  api.send(demo, marker, from, batch, batch);
                  sent.addAndGet(batch);
                  Thread.sleep(100);
                }
              } catch (Throwable e) {
                failures.add(e);
              }
            },
            "e2e-sender");
    Map<Integer, Integer> before = client.retries();
    sender.start();
    poll(Duration.ofSeconds(60), Duration.ofMillis(50), sent::get, s -> s >= m / 3, "a third sent");
    long pid = platform.run().readPid(service).orElseThrow();
    assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
    System.out.printf("e2e: killed %s (pid %d) after %d events%n", service, pid, sent.get());

    sender.join(Api.RECOVERY.toMillis());
    assertThat(failures).isEmpty();
    assertThat(sender.isAlive()).as("sender still running").isFalse();
    poll(
        Api.RECOVERY,
        Duration.ofSeconds(1),
        platform::log,
        log -> log.contains(service + " is ready again"),
        service + " restarted by the supervisor");
    assertThat(platform.run().readPid(service)).isPresent().get().isNotEqualTo(pid);
    JsonNode counts = api.awaitCount(demo, marker, m);
    assertThat(counts.path("rows").get(0).get(1).asLong()).as("distinct messageIds").isEqualTo(m);
    Map<Integer, Integer> retried = client.retries();
    before.forEach((status, n) -> retried.merge(status, -n, Integer::sum));
    retried.values().removeIf(n -> n == 0);
    System.out.printf("e2e: retried during the %s outage, by status: %s%n", service, retried);
    took("kill -9 " + service + " mid-stream", start);
  }

  private static String marker(String what) {
    return "e2e-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void took(String what, long start) {
    System.out.printf(
        "e2e: %s in %.1f s (platform up %.1f s)%n",
        what, (System.nanoTime() - start) / 1e9, platform.seconds());
  }
}
