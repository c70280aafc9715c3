package org.opencdp.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencdp.event.Reason;
import org.opencdp.event.SegmentEvent;
import org.opencdp.quality.TestDatabase;
import org.opencdp.quality.TestEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Tracking-plan classification and rule evaluation against the real store and compilers. */
class JudgeTest {

  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  Definitions definitions;
  ActiveRules active;
  Judge judge;

  @BeforeEach
  void setUp() {
    definitions =
        new Definitions(
            JdbcClient.create(TestDatabase.h2()), TestEvents.CODEC.mapper(), Clock.systemUTC());
    active = new ActiveRules(definitions, new ActiveRules.Compiler(), Duration.ofHours(1));
    judge = new Judge(active, TestEvents.CODEC);
  }

  @AfterEach
  void close() {
    active.close();
  }

  JsonNode json(String text) {
    return TestEvents.CODEC.mapper().readTree(text);
  }

  void plan(String mode) {
    definitions.save(
        "acme",
        Definitions.Kind.PLAN,
        "web",
        json(
            """
            {"name":"Web","mode":"%s","events":[
              {"type":"track","name":"Order Completed","schema":{
                "type":"object","required":["order_id","revenue"],"additionalProperties":false,
                "properties":{"order_id":{"type":"string"},"revenue":{"type":"number","minimum":0},
                  "currency":{"enum":["EUR","USD"]},"quantity":{"type":"integer"}}}},
              {"type":"identify","schema":{"type":"object","properties":{"email":{"type":"string"}}}}]}
            """
                .formatted(mode)),
        true,
        false,
        "key-1");
    active.refresh();
  }

  static SegmentEvent event(String properties) {
    String json =
        """
        {"type":"track","event":"Order Completed","userId":"u1","messageId":"m1",
         "timestamp":"2026-12-03T11:00:00Z","receivedAt":"2026-12-03T11:00:01Z","tenantId":"acme",
         "properties":%s}
        """
            .formatted(properties);
    return TestEvents.CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  static SegmentEvent named(String name) {
    String json =
        """
        {"type":"track","event":"%s","userId":"u1","tenantId":"acme","properties":{}}
        """
            .formatted(name);
    return TestEvents.CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void passesAnEventThatMatchesItsPlan() {
    plan("quarantine");
    Verdict verdict = judge.judge(event("{\"order_id\":\"o1\",\"revenue\":10}"), NOW);
    assertThat(verdict.action()).isEqualTo(Action.ALLOW);
    assertThat(verdict.checks()).extracting(Verdict.Check::rule).containsExactly("plan:web");
  }

  @Test
  void classifiesViolationsAsProtocolsDoes() {
    plan("quarantine");
    Verdict verdict =
        judge.judge(
            event("{\"revenue\":\"ten\",\"quantity\":1.5,\"currency\":\"XXX\",\"coupon\":\"c\"}"),
            NOW);

    assertThat(verdict.action()).isEqualTo(Action.QUARANTINE);
    assertThat(verdict.reasons())
        .extracting(Reason::code, Reason::field)
        .contains(
            tuple("required_missing", "properties.order_id"),
            tuple("datatype_mismatch", "properties.revenue"),
            tuple("datatype_mismatch", "properties.quantity"),
            tuple("value_not_allowed", "properties.currency"),
            tuple("additional_properties", "properties.coupon"));
    assertThat(verdict.ruleVersions()).containsEntry("plan:web", 1);
  }

  @Test
  void calls_anEventNoPlanNames_unplanned() {
    plan("flag");
    Verdict verdict = judge.judge(named("Coupon Applied"), NOW);
    assertThat(verdict.action()).isEqualTo(Action.FLAG);
    assertThat(verdict.reasons())
        .singleElement()
        .satisfies(r -> assertThat(r.code()).isEqualTo("unplanned_event"));
  }

  @Test
  void letsUnplannedEventsThroughWhenThePlanSaysSoWhileQuarantiningViolations() {
    definitions.save(
        "acme",
        Definitions.Kind.PLAN,
        "web",
        json(
            """
            {"mode":"quarantine","unplanned":"allow","events":[
              {"type":"track","name":"Order Completed","schema":{"required":["order_id"]}}]}
            """),
        true,
        false,
        "key-1");
    active.refresh();

    assertThat(judge.judge(named("Coupon Applied"), NOW).action()).isEqualTo(Action.ALLOW);
    assertThat(judge.judge(event("{\"revenue\":1}"), NOW).action()).isEqualTo(Action.QUARANTINE);
  }

  @Test
  void anAllowPlanOnlyCounts() {
    plan("allow");
    Verdict verdict = judge.judge(event("{\"revenue\":-1}"), NOW);
    assertThat(verdict.action()).isEqualTo(Action.ALLOW);
    assertThat(verdict.reasons()).isEmpty();
    assertThat(verdict.checks()).extracting(Verdict.Check::outcome).containsExactly(Action.ALLOW);
  }

  @Test
  void rulesFireWithTheirCodeFieldAndVersion() {
    definitions.save(
        "acme",
        Definitions.Kind.RULE,
        "revenue-range",
        json(
            """
            {"event":"Order Completed","expression":"properties.revenue <= 1000.0",
             "field":"properties.revenue","code":"value_out_of_range","action":"flag"}
            """),
        true,
        false,
        "k");
    definitions.save(
        "acme",
        Definitions.Kind.RULE,
        "revenue-range",
        json(
            """
            {"event":"Order Completed","expression":"properties.revenue <= 100",
             "field":"properties.revenue","code":"value_out_of_range","action":"quarantine"}
            """),
        true,
        false,
        "k");
    definitions.save(
        "acme",
        Definitions.Kind.RULE,
        "fresh",
        json(
            "{\"expression\":\"timestamp(event.timestamp) > now - duration('2h')\","
                + "\"code\":\"stale_event\",\"field\":\"timestamp\"}"),
        true,
        false,
        "k");
    active.refresh();

    Verdict verdict = judge.judge(event("{\"order_id\":\"o\",\"revenue\":500}"), NOW);
    assertThat(verdict.action()).isEqualTo(Action.QUARANTINE);
    assertThat(verdict.reasons())
        .extracting(Reason::code, Reason::field)
        .containsExactly(tuple("value_out_of_range", "properties.revenue"));
    assertThat(verdict.ruleVersions()).isEqualTo(java.util.Map.of("rule:revenue-range", 2));

    Verdict stale = judge.judge(event("{\"revenue\":1}"), NOW.plus(Duration.ofHours(3)));
    assertThat(stale.reasons()).extracting(Reason::code).containsExactly("stale_event");
  }

  @Test
  void aDisabledOrDeletedDefinitionNoLongerJudges() {
    plan("quarantine");
    definitions.save(
        "acme", Definitions.Kind.PLAN, "web", json("{\"events\":[]}"), false, false, "k");
    active.refresh();
    assertThat(judge.judge(named("Anything"), NOW)).isEqualTo(Verdict.PASS);
  }

  @Test
  void otherTenantsAreNotJudgedByThisOnesPlan() {
    plan("quarantine");
    SegmentEvent other = named("Anything").mapEnvelope(e -> e.withSource("other", e.sourceId()));
    assertThat(judge.judge(other, NOW)).isEqualTo(Verdict.PASS);
  }
}
