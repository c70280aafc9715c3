package org.opencdp.quality.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.quality.Api;
import org.opencdp.quality.DuckDb;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.Role;
import org.opencdp.testkit.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service against the real broker: plans and rules posted over REST, events produced to
 * the raw topic, the lake read back with DuckDB, the quarantine listed, replayed and discarded.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "logging.level.org.apache.kafka=WARN",
      "cdp.kafka.create-topics=false",
      "cdp.lake.max-file-age=300ms",
      "cdp.quality.metrics.flush-interval=500ms"
    })
class QualityFlowTest {

  static final String ID = UUID.randomUUID().toString();
  static final String RAW = "it.flow.raw." + ID;
  static final Path LAKE = Path.of("target/test-lakes", "flow-" + ID).toAbsolutePath();
  static final String PLAN =
      """
      {"name":"Checkout","mode":"quarantine","events":[
        {"type":"track","name":"Order Completed","schema":{"type":"object",
          "required":["order_id","revenue"],
          "properties":{"order_id":{"type":"string"},"revenue":{"type":"number"},
                        "currency":{"enum":["EUR","USD"]}}}}]}
      """;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    Infrastructure.registerKafka(registry);
    registry.add("cdp.kafka.topics.raw-events", () -> RAW);
    registry.add("cdp.kafka.topics.clean-events", () -> "it.flow.clean." + ID);
    registry.add("cdp.kafka.topics.quarantine-events", () -> "it.flow.quarantine." + ID);
    registry.add("cdp.data-dir", () -> "target/test-data/flow-" + ID);
    registry.add("cdp.lake.root", LAKE::toString);
    registry.add("cdp.quality.intake.group-id", () -> "flow-" + ID);
  }

  @BeforeAll
  static void topics() {
    Producing.createTopics(2, RAW, "it.flow.clean." + ID, "it.flow.quarantine." + ID);
  }

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;

  Api admin(String tenant) {
    return Api.as(port, signer, tenant, "key-admin-" + tenant, Role.ADMIN);
  }

  static byte[] order(String tenant, String messageId, String properties) {
    return ("{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u-1\",\"messageId\":\""
            + messageId
            + "\",\"timestamp\":\"2026-12-03T08:00:00Z\",\"tenantId\":\""
            + tenant
            + "\",\"sourceId\":\"web\",\"properties\":"
            + properties
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void refusesABrokenSchemaOrExpressionWith422NamingTheField() {
    Api api = admin("flow-refuse");
    Api.Response schema =
        api.post(
            "/v1/quality/tracking-plans",
            "{\"name\":\"x\",\"events\":[{\"type\":\"track\",\"name\":\"A\",\"schema\":{\"type\":7}}]}");
    assertThat(schema.status()).as(schema.body()).isEqualTo(422);
    assertThat(schema.contentType()).startsWith("application/problem+json");
    assertThat(schema.json().path("field").asString()).startsWith("events[0].schema");

    Api.Response expression =
        api.post("/v1/quality/rules", "{\"id\":\"bad\",\"expression\":\"properties.revenue >\"}");
    assertThat(expression.status()).isEqualTo(422);
    assertThat(expression.json().path("field").asString()).isEqualTo("expression");
    assertThat(expression.body()).contains("invalid-definition");

    Api.Response jvm =
        api.post(
            "/v1/quality/rules",
            "{\"id\":\"jvm\",\"expression\":\"java.lang.Runtime.getRuntime() != null\"}");
    assertThat(jvm.status()).isEqualTo(422);
    assertThat(api.get("/v1/quality/rules").json().path("items")).isEmpty();

    Api.Response analyst =
        Api.as(port, signer, "flow-refuse", "k-analyst", Role.ANALYST)
            .post("/v1/quality/rules", "{\"id\":\"ok\",\"expression\":\"true\"}");
    assertThat(analyst.status()).isEqualTo(403);
  }

  @Test
  void quarantinesWhatBreaksThePlanOrRulesAndReplaysItOnceAfterAFix() throws Exception {
    String tenant = "flow-acme";
    Api api = admin(tenant);
    assertThat(api.post("/v1/quality/tracking-plans", PLAN).status()).isEqualTo(201);
    Api.Response rule =
        api.post(
            "/v1/quality/rules",
            """
            {"id":"revenue-cap","event":"Order Completed","expression":"properties.revenue <= 1000",
             "field":"properties.revenue","code":"value_out_of_range","action":"quarantine"}
            """);
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    assertThat(rule.json().path("version").asInt()).isEqualTo(1);

    byte[] big =
        order(tenant, "f-big", "{\"order_id\":\"o2\",\"revenue\":5000,\"currency\":\"EUR\"}");
    try (Producing producing = new Producing(RAW)) {
      producing.raw(tenant, order(tenant, "f-ok", "{\"order_id\":\"o1\",\"revenue\":10}"));
      producing.raw(tenant, order(tenant, "f-missing", "{\"revenue\":10}"));
      producing.raw(tenant, big);
      producing.raw(tenant, order(tenant, "f-ok", "{\"order_id\":\"o1\",\"revenue\":10}"));
      producing.raw(
          tenant,
          ("{\"type\":\"track\",\"event\":\"Coupon Applied\",\"userId\":\"u\",\"messageId\":\"f-unplanned\",\"tenantId\":\""
                  + tenant
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8));
    }

    await(() -> quarantined(api).size() >= 4, "four quarantined records");
    Map<String, JsonNode> byMessage = byMessageId(quarantined(api));
    assertThat(byMessage.keySet())
        .containsExactlyInAnyOrder("f-missing", "f-big", "f-ok", "f-unplanned");
    assertThat(codes(byMessage.get("f-missing"))).containsExactly("required_missing");
    assertThat(byMessage.get("f-missing").path("reasons").get(0).path("field").asString())
        .isEqualTo("properties.order_id");
    assertThat(codes(byMessage.get("f-big"))).containsExactly("value_out_of_range");
    assertThat(byMessage.get("f-big").path("ruleVersions").path("rule:revenue-cap").asInt())
        .isEqualTo(1);
    assertThat(codes(byMessage.get("f-ok"))).containsExactly("duplicate");
    assertThat(codes(byMessage.get("f-unplanned"))).containsExactly("unplanned_event");
    assertThat(api.get("/v1/quality/quarantine?reason=duplicate").json().path("items")).hasSize(1);

    try (DuckDb duck = new DuckDb(LAKE)) {
      assertThat(eventsOf(duck, tenant)).containsExactly("f-ok");
      Map<String, Object> row =
          duck.query(
                  "select payload, rule_versions, reason_codes from {quarantine}"
                      + " where message_id = 'f-big'")
              .get(0);
      assertThat(((String) row.get("payload")).getBytes(StandardCharsets.UTF_8)).isEqualTo(big);
      assertThat(row.get("rule_versions").toString()).contains("\"rule:revenue-cap\":1");
      assertThat(row.get("reason_codes")).isEqualTo("value_out_of_range");
    }

    // the fix: a new version of the rule, effective without a restart
    Api.Response v2 =
        api.put(
            "/v1/quality/rules/revenue-cap",
            """
            {"event":"Order Completed","expression":"properties.revenue <= 10000",
             "field":"properties.revenue","code":"value_out_of_range"}
            """);
    assertThat(v2.json().path("version").asInt()).isEqualTo(2);
    String bigId = byMessage.get("f-big").path("id").asString();
    String missingId = byMessage.get("f-missing").path("id").asString();

    Api.Response replay =
        api.post(
            "/v1/quality/quarantine/replay",
            "{\"ids\":[\"" + bigId + "\",\"" + missingId + "\"],\"reason\":\"cap raised\"}");
    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    assertThat(replay.json().path("items").get(0).path("result").asString()).isEqualTo("replayed");
    assertThat(replay.json().path("items").get(1).path("result").asString()).isEqualTo("refused");
    assertThat(replay.json().path("items").get(1).path("reasons").get(0).path("code").asString())
        .isEqualTo("required_missing");

    Api.Response again = api.post("/v1/quality/quarantine/replay", "{\"ids\":[\"" + bigId + "\"]}");
    assertThat(again.json().path("items").get(0).path("result").asString()).startsWith("skipped");

    try (DuckDb duck = new DuckDb(LAKE)) {
      await(() -> eventsOf(duck, tenant).contains("f-big"), "the replayed event in the lake");
      Thread.sleep(1_500); // a second copy would have landed by now
      assertThat(eventsOf(duck, tenant)).containsExactlyInAnyOrder("f-ok", "f-big");
    }
    JsonNode replayed = api.get("/v1/quality/quarantine/" + bigId).json();
    assertThat(replayed.path("status").asString()).isEqualTo("replayed");
    assertThat(replayed.path("statusBy").asString()).isEqualTo("key-admin-" + tenant);

    // an edited payload, replayed: lands with the original messageId
    Api.Response edited =
        api.post(
            "/v1/quality/quarantine/replay",
            "{\"ids\":[\""
                + missingId
                + "\"],\"edits\":{\""
                + missingId
                + "\":"
                + new String(
                    order(tenant, "ignored", "{\"order_id\":\"o9\",\"revenue\":3}"),
                    StandardCharsets.UTF_8)
                + "}}");
    assertThat(edited.json().path("items").get(0).path("result").asString()).isEqualTo("replayed");
    try (DuckDb duck = new DuckDb(LAKE)) {
      await(() -> eventsOf(duck, tenant).contains("f-missing"), "the edited replay in the lake");
    }

    String unplannedId = byMessage.get("f-unplanned").path("id").asString();
    assertThat(
            api.post("/v1/quality/quarantine/discard", "{\"ids\":[\"" + unplannedId + "\"]}")
                .status())
        .isEqualTo(400);
    Api.Response discard =
        api.post(
            "/v1/quality/quarantine/discard",
            "{\"ids\":[\"" + unplannedId + "\"],\"reason\":\"test traffic\"}");
    assertThat(discard.json().path("items").get(0).path("result").asString())
        .isEqualTo("discarded");
    JsonNode audit = api.get("/v1/quality/quarantine/audit").json().path("items");
    assertThat(audit)
        .extracting(
            a ->
                a.path("action").asString()
                    + ":"
                    + a.path("actor").asString()
                    + ":"
                    + a.path("quarantineId").asString())
        .contains(
            "discard:key-admin-" + tenant + ":" + unplannedId,
            "replay:key-admin-" + tenant + ":" + bigId);
    assertThat(audit.get(0).path("reason").asString()).isEqualTo("test traffic");

    assertThat(
            Api.as(port, signer, "flow-other", "k", Role.ADMIN)
                .get("/v1/quality/quarantine/" + bigId)
                .status())
        .as("another tenant's record")
        .isEqualTo(404);

    JsonNode metrics =
        api.get("/v1/quality/metrics?from=2020-01-01&to=2100-01-01").json().path("days");
    assertThat(metrics).isNotEmpty();
    long quarantinedCount = 0;
    for (JsonNode day : metrics) {
      if (day.path("rule").asString().equals("*")) {
        quarantinedCount += day.path("quarantined").asLong();
      }
    }
    assertThat(quarantinedCount).isGreaterThanOrEqualTo(4);
    Api.Response prometheus = api.get("/actuator/prometheus");
    assertThat(prometheus.body())
        .contains("cdp_quality_events_total")
        .contains("cdp_quality_checks_total");
  }

  @Test
  void aFlagPlanLandsTheEventWithItsViolationsInContext() {
    String tenant = "flow-flag";
    Api api = admin(tenant);
    assertThat(api.post("/v1/quality/tracking-plans", PLAN.replace("quarantine", "flag")).status())
        .isEqualTo(201);
    try (Producing producing = new Producing(RAW)) {
      producing.raw(tenant, order(tenant, "flag-1", "{\"revenue\":\"lots\"}"));
    }
    try (DuckDb duck = new DuckDb(LAKE)) {
      await(() -> eventsOf(duck, tenant).contains("flag-1"), "the flagged event in the lake");
      Map<String, Object> row =
          duck.query(
                  "select json_extract(context, '$.opencdp_quality.flagged') flagged,"
                      + " json_extract_string(context, '$.opencdp_quality.reasons[0].code') code"
                      + " from {events} where message_id = 'flag-1'")
              .get(0);
      assertThat(row.get("flagged").toString()).isEqualTo("true");
      assertThat(row.get("code")).isIn("required_missing", "datatype_mismatch");
    }
  }

  private static List<String> codes(JsonNode item) {
    return java.util.stream.StreamSupport.stream(item.path("reasons").spliterator(), false)
        .map(r -> r.path("code").asString())
        .toList();
  }

  private static List<JsonNode> quarantined(Api api) {
    Api.Response response = api.get("/v1/quality/quarantine?limit=100");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return java.util.stream.StreamSupport.stream(response.json().path("items").spliterator(), false)
        .toList();
  }

  private static Map<String, JsonNode> byMessageId(List<JsonNode> items) {
    Map<String, JsonNode> out = new java.util.HashMap<>();
    items.forEach(i -> out.put(i.path("messageId").asString(), i));
    return out;
  }

  private static List<String> eventsOf(DuckDb duck, String tenant) {
    if (!java.nio.file.Files.isDirectory(LAKE.resolve("events"))) {
      return List.of();
    }
    return duck
        .queryIfAny("select message_id from {events} where tenant_id = '" + tenant + "'")
        .stream()
        .map(r -> (String) r.get("message_id"))
        .toList();
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
