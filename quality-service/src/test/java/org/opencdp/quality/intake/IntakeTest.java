package org.opencdp.quality.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.event.QuarantinedEvent;
import org.opencdp.event.Reason;
import org.opencdp.event.ReasonCode;
import org.opencdp.quality.DuckDb;
import org.opencdp.quality.TestEvents;
import org.opencdp.testkit.ConsumedRecord;
import org.opencdp.testkit.Infrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * quality-service in this JVM against the shared real broker, with topics and a lake of its own.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"logging.level.org.apache.kafka=WARN", "cdp.kafka.create-topics=false"})
class IntakeTest {

  static final String ID = UUID.randomUUID().toString();
  static final String RAW = "it.raw." + ID;
  static final String CLEAN = "it.clean." + ID;
  static final String QUARANTINE = "it.quarantine." + ID;
  static final Path LAKE = Path.of("target/test-lakes", ID).toAbsolutePath();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    Infrastructure.registerKafka(registry);
    registry.add("cdp.kafka.topics.raw-events", () -> RAW);
    registry.add("cdp.kafka.topics.clean-events", () -> CLEAN);
    registry.add("cdp.kafka.topics.quarantine-events", () -> QUARANTINE);
    registry.add("cdp.data-dir", () -> "target/test-data");
    registry.add("cdp.lake.root", LAKE::toString);
    registry.add("cdp.quality.intake.group-id", () -> "quality-" + ID);
  }

  @BeforeAll
  static void topics() {
    Producing.createTopics(3, RAW, CLEAN, QUARANTINE);
  }

  @Test
  void landsEveryProducedEventInTheLakeOnceAndWithinSeconds() {
    List<String> ids;
    long start = System.nanoTime();
    try (Producing producing = new Producing(RAW)) {
      ids = producing.orders("acme", "land-", 0, 500);
    }
    try (DuckDb duck = new DuckDb(LAKE)) {
      awaitRows(
          duck, "tenant_id = 'acme' and message_id like 'land-%'", 500, Duration.ofSeconds(30));
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      assertThat(seconds).as("freshness").isLessThanOrEqualTo(10);
      List<Map<String, Object>> rows =
          duck.query(
              "select message_id from {events} where message_id like 'land-%'"
                  + " and tenant_id = 'acme' and event_date = date '2026-12-03'");
      assertThat(rows)
          .extracting(r -> r.get("message_id"))
          .containsExactlyInAnyOrderElementsOf(ids);
    }
  }

  @Test
  void copiesAcceptedEventsToTheCleanTopic() {
    try (Producing producing = new Producing(RAW)) {
      producing.orders("beta", "clean-", 0, 20);
    }
    List<ConsumedRecord> clean = Infrastructure.kafka().consume(CLEAN, 1000, Duration.ofSeconds(5));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (count(clean, "clean-") < 20 && System.nanoTime() < deadline) {
      clean = Infrastructure.kafka().readAll(CLEAN, Duration.ofSeconds(5));
    }
    assertThat(count(clean, "clean-")).isEqualTo(20);
  }

  @Test
  void quarantinesUndecodableRecordsInsteadOfDroppingThem() {
    try (Producing producing = new Producing(RAW)) {
      producing.raw("acme", "{not json".getBytes(StandardCharsets.UTF_8));
      producing.raw(
          null,
          "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"messageId\":\"no-tenant\"}"
              .getBytes(StandardCharsets.UTF_8));
      producing.raw(
          "acme",
          "{\"type\":\"track\",\"messageId\":\"no-event\",\"userId\":\"u\"}"
              .getBytes(StandardCharsets.UTF_8));
    }
    List<JsonNode> quarantined = awaitQuarantined(3);
    assertThat(quarantined)
        .extracting(q -> q.path("reasons").path(0).path("code").asString())
        .containsExactlyInAnyOrder("malformed_json", "tenant_invalid", "required_missing");
    assertThat(quarantined)
        .filteredOn(q -> q.path("payload").isString())
        .singleElement()
        .satisfies(q -> assertThat(q.path("payload").asString()).isEqualTo("{not json"));
    assertThat(quarantined)
        .allSatisfy(q -> assertThat(q.path("stage").asString()).isEqualTo("quality"));
  }

  @Test
  void landsWhatIngestQuarantinedInTheLakeOnceAndNotItsOwnRefusalsTwice() throws Exception {
    JsonMapper json = TestEvents.CODEC.mapper();
    JsonNode payload =
        json.readTree("{\"type\":\"track\",\"event\":\"Signed Up\",\"messageId\":\"ingest-q-1\"}");
    QuarantinedEvent refused =
        new QuarantinedEvent(
            "acme",
            "web",
            "ingest-q-1",
            java.time.Instant.parse("2026-12-02T09:00:00Z"),
            QuarantinedEvent.STAGE_INGEST,
            List.of(Reason.of(ReasonCode.IDENTITY_MISSING, null, "no userId or anonymousId")),
            payload);
    try (Producing producing = new Producing(QUARANTINE)) {
      producing.raw("acme", json.writeValueAsBytes(refused));
    }
    try (DuckDb duck = new DuckDb(LAKE)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<Map<String, Object>> rows = List.of();
      while (rows.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
        if (java.nio.file.Files.isDirectory(LAKE.resolve("quarantine"))) {
          rows =
              duck.queryIfAny(
                  "select tenant_id, received_date, stage, event, reason_codes, payload, source_id"
                      + " from {quarantine} where message_id = 'ingest-q-1'");
        }
      }
      assertThat(rows)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.get("tenant_id")).isEqualTo("acme");
                assertThat(r.get("received_date")).hasToString("2026-12-02");
                assertThat(r.get("stage")).isEqualTo("ingest");
                assertThat(r.get("event")).isEqualTo("Signed Up");
                assertThat(r.get("reason_codes")).isEqualTo("identity_missing");
                assertThat(r.get("source_id")).isEqualTo("web");
                assertThat(json.readTree((String) r.get("payload"))).isEqualTo(payload);
              });
      assertThat(
              duck.value(
                  "select count(*) from {quarantine} where source_topic = '"
                      + QUARANTINE
                      + "' and stage = 'quality'"))
          .isEqualTo(0L);
    }
  }

  private static List<Map<String, Object>> awaitQuarantineRows(DuckDb duck, int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<Map<String, Object>> rows = List.of();
    while (System.nanoTime() < deadline) {
      if (java.nio.file.Files.isDirectory(LAKE.resolve("quarantine"))) {
        rows =
            duck.queryIfAny(
                "select tenant_id, reason_codes, message_id, payload, stage, source_offset,"
                    + " json_extract_string(reasons, '$[0].code') reason"
                    + " from {quarantine} where source_topic = '"
                    + RAW
                    + "'");
        if (rows.size() >= expected) {
          return rows;
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return rows;
  }

  private static List<JsonNode> awaitQuarantined(int expected) {
    JsonMapper json = JsonMapper.builder().build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<JsonNode> found = List.of();
    while (System.nanoTime() < deadline) {
      found =
          Infrastructure.kafka().readAll(QUARANTINE, Duration.ofSeconds(5)).stream()
              .map(r -> json.readTree(r.value()))
              .filter(q -> q.path("stage").asString().equals("quality")) // not another test's
              .toList();
      if (found.size() >= expected) {
        break;
      }
    }
    return found;
  }

  private static long count(List<ConsumedRecord> records, String marker) {
    return records.stream().filter(r -> r.valueAsString().contains(marker)).count();
  }

  static void awaitRows(DuckDb duck, String where, long expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long n = 0;
    while (System.nanoTime() < deadline) {
      n =
          duck.countEvents() == 0
              ? 0
              : ((Number) duck.value("select count(*) from {events} where " + where)).longValue();
      if (n >= expected) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(n).as("rows where " + where).isEqualTo(expected);
  }
}
