package org.opencdp.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DemoGeneratorTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  // a bigger sample than "small" so that the planted effects stand well above noise
  private static final DemoSpec SPEC = DemoSpec.small().withCustomers(3000).withDays(60);
  private static List<JsonNode> stream;
  private static JsonNode truth;

  @BeforeAll
  static void generate() {
    DemoGenerator generator = new DemoGenerator(SPEC);
    List<JsonNode> events = new ArrayList<>();
    generator.generate(events::add);
    stream = events;
    truth = JSON.readTree(JSON.writeValueAsString(generator.groundTruth().toJson()));
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
    DemoSpec small = DemoSpec.small();
    assertThat(hash(small)).isEqualTo(hash(small));
    assertThat(hash(small.withSeed(7))).isNotEqualTo(hash(small));
  }

  @Test
  void collapseRegionLosesMostOnlineRevenueWhileItsStoresKeepSelling() {
    JsonNode collapse = truth.get("regionalCollapse");
    LocalDate from = LocalDate.parse(collapse.get("from").asString());
    LocalDate to = LocalDate.parse(collapse.get("to").asString());
    String region = collapse.get("region").asString();
    Map<String, double[]> perDay = new HashMap<>(); // day -> online, store revenue of the region
    for (JsonNode e : stream) {
      if ("Order Completed".equals(text(e, "event"))
          && region.equals(e.at("/context/location/region").asString())) {
        double[] v =
            perDay.computeIfAbsent(
                e.get("timestamp").asString().substring(0, 10), d -> new double[2]);
        v["store".equals(e.at("/context/channel").asString()) ? 1 : 0] +=
            e.at("/properties/revenue").asDouble();
      }
    }
    double during = average(perDay, from, to, 0);
    double before = average(perDay, from.minusDays(14), from.minusDays(1), 0);
    assertThat(during).isLessThan(before * 0.4);
    assertThat(average(perDay, from, to, 1)).isGreaterThan(0);
    assertThat(collapse.get("observedDrop").asDouble()).isGreaterThan(0.6);
    assertThat(collapse.get("documentId").asString()).startsWith("doc-incident-logistics-west-");
  }

  @Test
  void slowFirstResponseIsFollowedByCancellationsFarMoreOften() {
    Map<String, Double> worstResponse = new HashMap<>();
    Set<String> cancelled = new HashSet<>();
    for (JsonNode e : stream) {
      if (breaksEnvelope(e)) {
        continue;
      }
      if ("Support Ticket Closed".equals(text(e, "event"))) {
        worstResponse.merge(
            e.get("userId").asString(),
            e.at("/properties/first_response_minutes").asDouble(),
            Math::max);
      } else if ("Subscription Cancelled".equals(text(e, "event"))) {
        cancelled.add(e.get("userId").asString());
      }
    }
    long slow = worstResponse.values().stream().filter(v -> v > 5).count();
    long fast = worstResponse.size() - slow;
    long slowCancelled =
        worstResponse.entrySet().stream()
            .filter(en -> en.getValue() > 5 && cancelled.contains(en.getKey()))
            .count();
    long fastCancelled =
        worstResponse.entrySet().stream()
            .filter(en -> en.getValue() <= 5 && cancelled.contains(en.getKey()))
            .count();
    assertThat(slow).isGreaterThan(30);
    assertThat(slowCancelled / (double) slow).isGreaterThan(3 * fastCancelled / (double) fast);
  }

  @Test
  void aboutTwoPercentOfEventsBreakAnEnvelopeRule() {
    long bad = stream.stream().filter(DemoGeneratorTest::breaksEnvelope).count();
    assertThat(bad / (double) stream.size()).isBetween(0.015, 0.025);
    assertThat(bad).isEqualTo(truth.at("/invalidEvents/total").asLong());
  }

  @Test
  void anonymousBrowsingIsLinkedToKnownUsersByIdentify() {
    Map<String, String> linked = new HashMap<>();
    Set<String> anonymousOnly = new HashSet<>();
    for (JsonNode e : stream) {
      if (breaksEnvelope(e)) {
        continue;
      }
      String anonymousId = text(e, "anonymousId");
      if ("identify".equals(text(e, "type")) && anonymousId != null) {
        linked.put(anonymousId, text(e, "userId"));
        assertThat(e.at("/traits/membership_tier").isString()).isTrue();
      } else if (anonymousId != null && text(e, "userId") == null) {
        anonymousOnly.add(anonymousId);
      }
    }
    assertThat(linked).isNotEmpty();
    assertThat(anonymousOnly.stream().filter(linked::containsKey).count())
        .isGreaterThan(anonymousOnly.size() / 2);
  }

  @Test
  void holidaysInsideTheRangeLiftOnlineRevenueAndGroupsBuyTheirCategories() {
    JsonNode double11 = null;
    for (JsonNode h : truth.get("holidays")) {
      double11 = "Double 11".equals(h.get("name").asString()) ? h : double11;
    }
    assertThat(double11).isNotNull();
    assertThat(double11.get("observedOnlineRevenuePerDay").asDouble())
        .isGreaterThan(2 * double11.get("baselineOnlineRevenuePerDay").asDouble());
    for (JsonNode group : truth.get("affinities")) {
      group
          .get("observedLift")
          .properties()
          .forEach(
              lift ->
                  assertThat(lift.getValue().asDouble())
                      .as(group.get("group") + " " + lift.getKey())
                      .isGreaterThan(1.0));
    }
  }

  @Test
  void ordersFollowTheSegmentEcommerceSpec() {
    JsonNode order =
        stream.stream()
            .filter(e -> "Order Completed".equals(text(e, "event")) && !breaksEnvelope(e))
            .findFirst()
            .orElseThrow();
    assertThat(order.at("/properties/order_id").isString()).isTrue();
    assertThat(order.at("/properties/currency").asString()).isEqualTo("CNY");
    assertThat(order.at("/properties/products/0/product_id").isString()).isTrue();
    assertThat(order.at("/context/channel").asString()).isIn("web", "app", "store");
    assertThat(order.at("/context/location/city").isString()).isTrue();
  }

  private static boolean breaksEnvelope(JsonNode e) {
    return e.get("messageId").asString().contains("-bad-");
  }

  private static String text(JsonNode e, String field) {
    JsonNode value = e.get(field);
    return value == null || !value.isString() ? null : value.asString();
  }

  private static double average(
      Map<String, double[]> perDay, LocalDate from, LocalDate to, int index) {
    return from.datesUntil(to.plusDays(1))
        .mapToDouble(d -> perDay.getOrDefault(d.toString(), new double[2])[index])
        .average()
        .orElse(0);
  }

  private static String hash(DemoSpec spec) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    new DemoGenerator(spec)
        .generate(
            (ObjectNode e) -> {
              digest.update(JSON.writeValueAsBytes(e));
              digest.update((byte) '\n');
            });
    return HexFormat.of().formatHex(digest.digest());
  }
}
