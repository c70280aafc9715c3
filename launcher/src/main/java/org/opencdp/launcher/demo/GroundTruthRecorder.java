package org.opencdp.launcher.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Counts, while the stream is generated, what an analysis should later find in it, and writes it as
 * the ground truth: each planted structure with its parameters and the size it really has.
 */
public final class GroundTruthRecorder {

  static final int REGIONS = Catalog.REGIONS.size();

  private final DemoSpec spec;
  private final DemandCalendar calendar;
  private final Weather weather;
  private final List<Customer> customers;
  // date -> revenue per region, online then store
  private final Map<LocalDate, double[]> revenue = new TreeMap<>();
  private final Map<DayOfWeek, long[]> ordersByWeekday = new EnumMap<>(DayOfWeek.class);
  private final Map<Affinity, Map<String, Long>> linesByGroup = new EnumMap<>(Affinity.class);
  private final Map<InvalidEvents.Kind, Long> invalid = new EnumMap<>(InvalidEvents.Kind.class);
  private final long[] tickets = new long[2];
  private final long[] churnedAfter = new long[2];
  private long events;
  private long orders;
  private long cancelled;
  private double totalRevenue;

  GroundTruthRecorder(
      DemoSpec spec, DemandCalendar calendar, Weather weather, List<Customer> customers) {
    this.spec = spec;
    this.calendar = calendar;
    this.weather = weather;
    this.customers = customers;
  }

  void event() {
    events++;
  }

  void invalid(InvalidEvents.Kind kind) {
    invalid.merge(kind, 1L, Long::sum);
  }

  void order(
      Customer c, LocalDate day, String channel, double amount, List<EventFactory.Line> lines) {
    boolean store = channel.equals("store");
    int region = Catalog.REGIONS.indexOf(c.region);
    revenue.computeIfAbsent(day, d -> new double[REGIONS * 2])[region + (store ? REGIONS : 0)] +=
        amount;
    ordersByWeekday.computeIfAbsent(day.getDayOfWeek(), d -> new long[2])[store ? 1 : 0]++;
    Map<String, Long> byCategory =
        linesByGroup.computeIfAbsent(c.affinity, a -> new LinkedHashMap<>());
    lines.forEach(line -> byCategory.merge(line.product().category(), 1L, Long::sum));
    orders++;
    totalRevenue += amount;
  }

  void ticket(double firstResponseMinutes, boolean churns) {
    int slow = firstResponseMinutes > DemoGenerator.SLOW_RESPONSE_MINUTES ? 1 : 0;
    tickets[slow]++;
    churnedAfter[slow] += churns ? 1 : 0;
  }

  void cancelled(Customer c, LocalDate day) {
    cancelled++;
  }

  public long events() {
    return events;
  }

  public long invalidEvents() {
    return invalid.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Online revenue of a region on a day (0 when nothing sold). */
  double onlineRevenue(LocalDate day, String region) {
    double[] values = revenue.get(day);
    return values == null ? 0 : values[regionIndex(region)];
  }

  double storeRevenue(LocalDate day, String region) {
    double[] values = revenue.get(day);
    return values == null ? 0 : values[regionIndex(region) + REGIONS];
  }

  /** The ground truth document (see README's demo section for what each part means). */
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode s = root.putObject("spec");
    s.put("seed", spec.seed());
    s.put("customers", spec.customers());
    s.put("products", spec.products());
    s.put("days", spec.days());
    s.put("startDate", spec.startDate().toString());
    s.put("endDate", spec.endDate().toString());
    s.put("tenant", "demo");
    s.put("currency", EventFactory.CURRENCY);
    ObjectNode totals = root.putObject("totals");
    totals.put("validEvents", events);
    totals.put("invalidEvents", invalidEvents());
    totals.put("orders", orders);
    totals.put("revenue", Math.round(totalRevenue * 100) / 100.0);
    totals.put("subscriptionsCancelled", cancelled);
    GroundTruthSections sections = new GroundTruthSections(this, calendar, weather, customers);
    sections.weekly(root.putObject("weeklySeasonality"), ordersByWeekday);
    sections.holidays(root.putArray("holidays"), dates());
    sections.weather(root.putObject("weather"), dates());
    sections.collapse(root.putObject("regionalCollapse"), dates());
    sections.churn(root.putObject("churn"), tickets, churnedAfter);
    sections.affinities(root.putArray("affinities"), linesByGroup);
    ObjectNode bad = root.putObject("invalidEvents");
    bad.put("total", invalidEvents());
    bad.put("expectedOutcome", "quarantine (cdp.quarantine.events, lake/quarantine)");
    ObjectNode kinds = bad.putObject("byKind");
    invalid.forEach((kind, count) -> kinds.put(kind.id(), count));
    return root;
  }

  List<LocalDate> dates() {
    return spec.startDate().datesUntil(spec.endDate().plusDays(1)).toList();
  }

  private static int regionIndex(String region) {
    for (int i = 0; i < REGIONS; i++) {
      if (Catalog.REGIONS.get(i).name().equals(region)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no region " + region);
  }
}
