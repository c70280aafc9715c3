package org.opencdp.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencdp.event.SegmentEvent;
import org.opencdp.quality.TestEvents;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rule variables read from the decoded event are what converting the codec's JSON form of the
 * event gives (the variables as they were built before), key order included.
 */
class EventVariablesTest {

  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  static SegmentEvent decode(String json) {
    return TestEvents.CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The variables the way Judge built them: the event encoded, parsed, converted in full. */
  static Map<String, Object> reference(SegmentEvent event) {
    ObjectNode json = TestEvents.CODEC.toJson(event);
    return Map.of(
        "event", JsonValues.map(json),
        "properties", JsonValues.map(json.get("properties")),
        "traits", JsonValues.map(json.get("traits")),
        "context", JsonValues.map(json.get("context")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        """
        {"type":"track","event":"Order Completed","userId":"u1","messageId":"m1",
         "timestamp":"2026-12-03T11:00:00.120Z","originalTimestamp":"2026-12-03T11:00:00Z",
         "sentAt":"2026-12-03T11:00:00.5+01:00","receivedAt":"2026-12-03T11:00:01Z",
         "tenantId":"acme","sourceId":"web","properties":{"revenue":12.5,"quantity":2,
         "big":12345678901234567890,"neg":-3,"ratio":1.0,"ok":true,"none":null,
         "products":[{"sku":"A-1","price":3.5},{"sku":"B-2","tags":["x",1,null]}],
         "nested":{"deep":{"deeper":[[1,2],[]]}}},
         "context":{"locale":"de-DE","page":{"path":"/p"}},"integrations":{"All":false},
         "custom":{"a":[1]},"flag":"x"}
        """,
        """
        {"type":"identify","anonymousId":"a1","traits":{"email":"a@b.c","age":41},
         "properties":{"stray":1},"context":{}}
        """,
        """
        {"type":"page","userId":"u1","name":"Home","category":"Docs","properties":{}}
        """,
        """
        {"type":"screen","userId":"u1","name":"Cart"}
        """,
        """
        {"type":"group","userId":"u1","groupId":"g1","traits":{"plan":"pro"},
         "context":{"ip":"10.0.0.1"}}
        """,
        """
        {"type":"alias","userId":"u2","previousId":"u1","timestamp":"2026-12-03T11:00:00Z"}
        """
      })
  void areWhatTheCodecsJsonFormOfTheEventGives(String json) {
    SegmentEvent event = decode(json);
    Map<String, Object> variables = Judge.variables(event, NOW);
    Map<String, Object> reference = reference(event);

    for (String name : List.of("event", "properties", "traits", "context")) {
      assertThat(variables.get(name)).as(name).isEqualTo(reference.get(name));
      assertThat(reference.get(name)).as(name).isEqualTo(variables.get(name));
      assertThat(new ArrayList<>(((Map<?, ?>) variables.get(name)).keySet()))
          .as(name + " key order")
          .isEqualTo(new ArrayList<>(((Map<?, ?>) reference.get(name)).keySet()));
    }
  }

  @Test
  void aValueReadBeforeTheWholeMapIsTheSameConvertedValue() {
    SegmentEvent event = TestEvents.order("acme", "m1", NOW, 12.5);
    Map<String, Object> variables = Judge.variables(event, NOW);
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) variables.get("properties");

    assertThat(properties.get("revenue")).isEqualTo(12.5);
    assertThat(properties.get("quantity")).isEqualTo(2L);
    assertThat(properties.containsKey("nested")).isTrue();
    assertThat(properties.containsKey("missing")).isFalse();
    assertThat(properties.get("missing")).isNull();
    assertThat(properties).hasSize(5).isEqualTo(reference(event).get("properties"));
  }

  final Expressions expressions = new Expressions();

  boolean test(String expression, SegmentEvent event) throws Exception {
    return expressions.compile(expression, "expression").test(new EventVariables(event, NOW));
  }

  @Test
  void expressionsGiveTheSameAnswersOnLazyVariablesAsOnConvertedOnes() throws Exception {
    SegmentEvent event = TestEvents.order("acme", "m1", NOW.minusSeconds(3600), 12.5);
    for (String expression :
        List.of(
            "properties.revenue <= 10000",
            "timestamp(event.timestamp) > now - duration('24h')",
            "properties.nested.tags.exists(t, t == 'b')",
            "size(properties) == 5 && 'currency' in properties",
            "properties.order_id.matches('^o-m[0-9]$')",
            "matches(properties.currency, 'US')",
            "context.location.city == 'Berlin' && !has(traits.email)",
            "event.type == 'track' && event.tenantId == 'acme'",
            "properties.all(k, k != 'coupon')")) {
      var compiled = expressions.compile(expression, "expression");
      assertThat(compiled.test(new EventVariables(event, NOW)))
          .as(expression)
          .isEqualTo(compiled.test(Judge.variables(event, NOW)))
          .isEqualTo(compiled.test(reference(event, NOW)));
    }
  }

  static Map<String, Object> reference(SegmentEvent event, Instant now) {
    Map<String, Object> variables = new java.util.HashMap<>(reference(event));
    variables.put(
        "now",
        com.google.protobuf.Timestamp.newBuilder()
            .setSeconds(now.getEpochSecond())
            .setNanos(now.getNano())
            .build());
    return variables;
  }

  @Test
  void aKeptPatternAnswersEveryStringAndABadOneFailsEveryTime() throws Exception {
    SegmentEvent good = decode(skuEvent("ABC-123"));
    SegmentEvent bad = decode(skuEvent("sku_9"));
    String rule = "properties.sku.matches('^[A-Z]{3}-[0-9]+$')";
    assertThat(test(rule, good)).isTrue();
    assertThat(test(rule, bad)).isFalse();
    assertThat(test(rule, good)).isTrue();
    String dynamic = "properties.sku.matches(properties.pattern)";
    assertThatThrownBy(() -> test(dynamic, bad))
        .isInstanceOf(Expressions.EvaluationFailed.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> test(dynamic, bad)).isInstanceOf(Expressions.EvaluationFailed.class);
  }

  static String skuEvent(String sku) {
    return """
        {"type":"track","event":"Product Viewed","userId":"u1",
         "properties":{"sku":"%s","pattern":"(unclosed"}}
        """
        .formatted(sku);
  }
}
