package org.opencdp.launcher.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The parts of the ground truth: each planted structure, its parameters and its observed size. */
final class GroundTruthSections {

  private final GroundTruthRecorder recorder;
  private final DemandCalendar calendar;
  private final Weather weather;
  private final List<Customer> customers;

  GroundTruthSections(
      GroundTruthRecorder recorder,
      DemandCalendar calendar,
      Weather weather,
      List<Customer> customers) {
    this.recorder = recorder;
    this.calendar = calendar;
    this.weather = weather;
    this.customers = customers;
  }

  void weekly(ObjectNode node, Map<DayOfWeek, long[]> ordersByWeekday) {
    node.put(
        "description", "orders follow the day of the week; weekends are busiest, stores most so");
    ObjectNode online = node.putObject("onlineMultiplier");
    ObjectNode store = node.putObject("storeMultiplier");
    ObjectNode observed = node.putObject("observedOrders");
    for (DayOfWeek day : DayOfWeek.values()) {
      online.put(day.name(), DemandCalendar.ONLINE_WEEKLY.get(day));
      store.put(day.name(), DemandCalendar.STORE_WEEKLY.get(day));
      long[] counts = ordersByWeekday.getOrDefault(day, new long[2]);
      observed.putObject(day.name()).put("online", counts[0]).put("store", counts[1]);
    }
  }

  void holidays(ArrayNode node, List<LocalDate> dates) {
    double baseline = averageOnline(dates.stream().filter(d -> !calendar.isHoliday(d)).toList());
    for (DemandCalendar.Holiday h : calendar.holidays()) {
      List<LocalDate> window = dates.stream().filter(h::covers).toList();
      ObjectNode item = node.addObject();
      item.put("name", h.name());
      item.put("date", h.date().toString());
      item.put("from", h.from().toString());
      item.put("to", h.to().toString());
      item.put("onlineMultiplier", h.online());
      item.put("storeMultiplier", h.store());
      item.put("observedOnlineRevenuePerDay", round(averageOnline(window)));
      item.put("baselineOnlineRevenuePerDay", round(baseline));
    }
  }

  void weather(ObjectNode node, List<LocalDate> dates) {
    node.put("file", "weather.csv");
    node.put("description", "rain and storms keep shoppers out of stores and move them online");
    ObjectNode effects = node.putObject("effects");
    Weather.EFFECTS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                effects
                    .putObject(e.getKey())
                    .put("store", e.getValue()[0])
                    .put("online", e.getValue()[1]));
    double[] wet = new double[3];
    double[] dry = new double[3];
    for (LocalDate day : dates) {
      for (Catalog.Region region : Catalog.REGIONS) {
        String condition = weather.on(day, region.name()).condition();
        double[] bucket = condition.equals("rain") || condition.equals("storm") ? wet : dry;
        bucket[0] += recorder.storeRevenue(day, region.name());
        bucket[1] += recorder.onlineRevenue(day, region.name());
        bucket[2]++;
      }
    }
    ObjectNode observed = node.putObject("observedRevenuePerRegionDay");
    observed
        .putObject("wet")
        .put("store", round(wet[0] / Math.max(1, wet[2])))
        .put("online", round(wet[1] / Math.max(1, wet[2])))
        .put("regionDays", (long) wet[2]);
    observed
        .putObject("dry")
        .put("store", round(dry[0] / Math.max(1, dry[2])))
        .put("online", round(dry[1] / Math.max(1, dry[2])))
        .put("regionDays", (long) dry[2]);
  }

  void collapse(ObjectNode node, List<LocalDate> dates) {
    DemandCalendar.Collapse c = calendar.collapse();
    node.put("region", c.region());
    ArrayNode cities = node.putArray("cities");
    Catalog.REGIONS.stream()
        .filter(r -> r.name().equals(c.region()))
        .findFirst()
        .orElseThrow()
        .cities()
        .forEach(cities::add);
    node.put("from", c.from().toString());
    node.put("to", c.to().toString());
    node.put("channel", "online (web, app); stores kept selling");
    node.put(
        "cause", "logistics disruption: the regional sorting hub closed, deliveries suspended");
    node.put("documentId", DemoDocuments.incidentId(c));
    node.put("orderFactor", c.orderFactor());
    List<LocalDate> during = dates.stream().filter(d -> c.covers(d, c.region())).toList();
    List<LocalDate> before =
        dates.stream()
            .filter(
                d ->
                    d.isBefore(c.from())
                        && !d.isBefore(c.from().minusDays(14))
                        && !calendar.isHoliday(d))
            .toList();
    double duringRevenue =
        during.stream().mapToDouble(d -> recorder.onlineRevenue(d, c.region())).average().orElse(0);
    double beforeRevenue =
        before.stream().mapToDouble(d -> recorder.onlineRevenue(d, c.region())).average().orElse(0);
    node.put("observedOnlineRevenuePerDay", round(duringRevenue));
    node.put("baselineOnlineRevenuePerDay", round(beforeRevenue));
    node.put("observedDrop", beforeRevenue == 0 ? 0 : round(1 - duringRevenue / beforeRevenue));
  }

  void churn(ObjectNode node, long[] tickets, long[] churned) {
    node.put(
        "description",
        "customers whose support ticket got a first response after more than 5 minutes cancel far more often");
    node.put("event", "Support Ticket Closed");
    node.put("field", "properties.first_response_minutes");
    node.put("thresholdMinutes", DemoGenerator.SLOW_RESPONSE_MINUTES);
    node.put("churnEvent", "Subscription Cancelled");
    node.put("churnProbabilityFast", DemoGenerator.CHURN_AFTER_FAST);
    node.put("churnProbabilitySlow", DemoGenerator.CHURN_AFTER_SLOW);
    node.putObject("observed")
        .put("ticketsFast", tickets[0])
        .put("churnedFast", churned[0])
        .put("ticketsSlow", tickets[1])
        .put("churnedSlow", churned[1]);
  }

  void affinities(ArrayNode node, Map<Affinity, Map<String, Long>> lines) {
    Map<String, Long> overall = new java.util.LinkedHashMap<>();
    lines.values().forEach(m -> m.forEach((k, v) -> overall.merge(k, v, Long::sum)));
    long all = overall.values().stream().mapToLong(Long::longValue).sum();
    for (Affinity group : Affinity.values()) {
      ObjectNode item = node.addObject();
      item.put("group", group.id());
      item.put("rule", group.rule());
      item.put("members", customers.stream().filter(c -> c.affinity == group).count());
      ObjectNode lift = item.putObject("categoryLift");
      group.lift().forEach(lift::put);
      Map<String, Long> mine = lines.getOrDefault(group, Map.of());
      long total = mine.values().stream().mapToLong(Long::longValue).sum();
      ObjectNode observed = item.putObject("observedLift");
      group
          .lift()
          .keySet()
          .forEach(
              category -> {
                double share = total == 0 ? 0 : mine.getOrDefault(category, 0L) / (double) total;
                double base = all == 0 ? 0 : overall.getOrDefault(category, 0L) / (double) all;
                observed.put(category, base == 0 ? 0 : round(share / base));
              });
    }
  }

  private double averageOnline(List<LocalDate> days) {
    return days.stream()
        .mapToDouble(
            d ->
                Catalog.REGIONS.stream()
                    .mapToDouble(r -> recorder.onlineRevenue(d, r.name()))
                    .sum())
        .average()
        .orElse(0);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
