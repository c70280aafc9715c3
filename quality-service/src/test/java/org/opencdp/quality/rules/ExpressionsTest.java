package org.opencdp.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencdp.quality.TestEvents;

class ExpressionsTest {

  final Expressions expressions = new Expressions();

  Map<String, Object> event(String json, Instant now) {
    var node = TestEvents.CODEC.mapper().readTree(json);
    Map<String, Object> variables = new HashMap<>();
    variables.put("event", JsonValues.map(node));
    variables.put("properties", JsonValues.map(node.get("properties")));
    variables.put("traits", JsonValues.map(node.get("traits")));
    variables.put("context", JsonValues.map(node.get("context")));
    variables.put(
        "now",
        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build());
    return variables;
  }

  boolean test(String expression, String json) throws Exception {
    return expressions
        .compile(expression, "expression")
        .test(event(json, Instant.parse("2026-12-03T12:00:00Z")));
  }

  static final String ORDER =
      """
      {"type":"track","event":"Order Completed","timestamp":"2026-12-03T11:00:00Z",
       "properties":{"revenue":12.5,"quantity":2,"currency":"EUR","sku":"ABC-123"},
       "context":{"locale":"de-DE"}}
      """;

  @Test
  void evaluatesRangesEnumsPatternsAndPresence() throws Exception {
    assertThat(test("properties.revenue >= 0 && properties.revenue < 10000", ORDER)).isTrue();
    assertThat(test("properties.quantity > 5", ORDER)).isFalse();
    assertThat(test("properties.currency in ['EUR', 'USD', 'GBP']", ORDER)).isTrue();
    assertThat(test("properties.currency in ['USD']", ORDER)).isFalse();
    assertThat(test("properties.sku.matches('^[A-Z]{3}-[0-9]+$')", ORDER)).isTrue();
    assertThat(test("has(properties.order_id)", ORDER)).isFalse();
    assertThat(test("!has(properties.coupon) || size(properties.coupon) > 0", ORDER)).isTrue();
  }

  @Test
  void evaluatesAFreshnessWindowOnTimestamps() throws Exception {
    String window = "timestamp(event.timestamp) > now - duration('24h')";
    assertThat(test(window, ORDER)).isTrue();
    assertThat(test(window, ORDER.replace("2026-12-03T11:00:00Z", "2026-11-01T11:00:00Z")))
        .isFalse();
    assertThat(test("timestamp(event.timestamp) <= now + duration('5m')", ORDER)).isTrue();
  }

  @Test
  void aMissingFieldIsAnEvaluationFailureNotAnAnswer() {
    var expression = expressions.compile("properties.discount > 0", "expression");
    assertThatThrownBy(() -> expression.test(event(ORDER, Instant.now())))
        .isInstanceOf(Expressions.EvaluationFailed.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java.lang.Runtime.getRuntime().exec('touch /tmp/pwned') == null",
        "T(java.lang.System).exit(0)",
        "properties.getClass().forName('java.lang.Runtime') != null",
        "''.getClass() == null",
        "Runtime.exec('id')",
        "System.getenv('HOME') != ''",
        "new java.io.File('/etc/passwd') != null",
        "#{1+1}",
        "import('os')"
      })
  void refusesAnythingThatWouldReachTheJvm(String attempt) {
    assertThatThrownBy(() -> expressions.compile(attempt, "expression"))
        .isInstanceOf(DefinitionInvalid.class)
        .satisfies(e -> assertThat(((DefinitionInvalid) e).field()).isEqualTo("expression"));
  }

  @Test
  void refusesExpressionsThatAreNotBooleanOrNotValid() {
    assertThatThrownBy(() -> expressions.compile("properties.revenue + 1", "expression"))
        .isInstanceOf(DefinitionInvalid.class);
    assertThatThrownBy(() -> expressions.compile("properties.revenue >", "expression"))
        .isInstanceOf(DefinitionInvalid.class)
        .hasMessageContaining("1:");
    assertThatThrownBy(() -> expressions.compile("undeclared > 1", "expression"))
        .isInstanceOf(DefinitionInvalid.class)
        .hasMessageContaining("undeclared");
    assertThatThrownBy(() -> expressions.compile("true || ".repeat(400) + "true", "expression"))
        .isInstanceOf(DefinitionInvalid.class);
  }

  @Test
  void boundsTheWorkOfOneEvaluation() {
    var expression =
        expressions.compile(
            "[0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b,"
                + " [0,1,2,3,4,5,6,7,8,9].all(c, [0,1,2,3,4,5,6,7,8,9].all(d, a + b + c + d >= 0))))",
            "expression");
    assertThatThrownBy(() -> expression.test(event(ORDER, Instant.now())))
        .isInstanceOf(Expressions.EvaluationFailed.class)
        .hasMessageContaining("Iteration budget exceeded");
  }

  /** The fast path of timestamp(string) answers exactly as CEL's own parser, errors included. */
  @Test
  void timestampsParseAsTheStandardFunctionDoes() {
    java.util.Random random = new java.util.Random(11);
    java.util.List<String> texts =
        new java.util.ArrayList<>(
            java.util.List.of(
                "2026-12-03T11:00:00Z",
                "2026-12-03T11:00:00.1Z",
                "2026-12-03T11:00:00.123456789Z",
                "2026-12-03T11:00:00.1234567891Z",
                "2026-12-03T11:00:00.Z",
                "2026-12-03T11:00:00z",
                "2026-12-03t11:00:00Z",
                "2026-12-03T11:00:00+01:00",
                "2026-12-03T11:00:00.5-08:30",
                "2026-12-03T11:00:60Z",
                "2026-02-29T11:00:00Z",
                "2024-02-29T11:00:00Z",
                "2026-13-01T11:00:00Z",
                "0000-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z",
                "1582-10-10T00:00:00Z",
                "1899-12-31T23:59:59.999Z",
                "1900-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z",
                "2026-12-03 11:00:00Z",
                "2026-12-03T11:00Z",
                "",
                "Z"));
    for (int i = 0; i < 2_000; i++) {
      long seconds = -5_000_000_000L + (long) (random.nextDouble() * 260_000_000_000L);
      int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
      if (random.nextBoolean()) {
        nanos -= nanos % 1_000_000;
      }
      texts.add(Instant.ofEpochSecond(seconds, nanos).toString());
    }
    for (String text : texts) {
      Object standard;
      try {
        standard = dev.cel.common.internal.ProtoTimeUtils.parse(text);
      } catch (java.text.ParseException | RuntimeException e) {
        standard = "fails";
      }
      Object fast;
      try {
        fast = Expressions.timestamp(text);
      } catch (RuntimeException e) {
        fast = "fails";
      }
      assertThat(fast).as(text).isEqualTo(standard);
    }
  }
}
