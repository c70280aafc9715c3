package org.opencdp.launcher.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How demand moves with the calendar: weekly seasonality, the shopping holidays inside the range,
 * and the one regional collapse (a logistics disruption that stops online orders in one region).
 */
final class DemandCalendar {

  /** A holiday window: demand multipliers from {@code from} to {@code to}, both inclusive. */
  record Holiday(
      String name, LocalDate date, LocalDate from, LocalDate to, double online, double store) {
    boolean covers(LocalDate day) {
      return !day.isBefore(from) && !day.isAfter(to);
    }
  }

  /** The regional collapse: online orders in {@code region} fall to {@code orderFactor}. */
  record Collapse(
      String region, LocalDate from, LocalDate to, double orderFactor, double sessionFactor) {
    boolean covers(LocalDate day, String inRegion) {
      return region.equals(inRegion) && !day.isBefore(from) && !day.isAfter(to);
    }
  }

  static final Map<DayOfWeek, Double> ONLINE_WEEKLY =
      weekly(0.92, 0.9, 0.95, 1.0, 1.08, 1.22, 1.18);
  static final Map<DayOfWeek, Double> STORE_WEEKLY =
      weekly(0.85, 0.82, 0.85, 0.9, 1.05, 1.55, 1.45);

  /** Lunar new year's day, by year (the dates the Spring Festival moves through). */
  private static final Map<Integer, LocalDate> SPRING_FESTIVAL =
      Map.of(
          2024, LocalDate.of(2024, 2, 10),
          2025, LocalDate.of(2025, 1, 29),
          2026, LocalDate.of(2026, 2, 17),
          2027, LocalDate.of(2027, 2, 6),
          2028, LocalDate.of(2028, 1, 26),
          2029, LocalDate.of(2029, 2, 13),
          2030, LocalDate.of(2030, 2, 3));

  private final List<Holiday> holidays;
  private final Collapse collapse;

  DemandCalendar(LocalDate start, LocalDate end, String collapseRegion) {
    this.holidays = holidaysBetween(start, end);
    this.collapse = collapseIn(start, end, collapseRegion);
  }

  List<Holiday> holidays() {
    return holidays;
  }

  Collapse collapse() {
    return collapse;
  }

  double online(LocalDate day) {
    double m = ONLINE_WEEKLY.get(day.getDayOfWeek());
    for (Holiday h : holidays) {
      m *= h.covers(day) ? h.online() : 1.0;
    }
    return m;
  }

  double store(LocalDate day) {
    double m = STORE_WEEKLY.get(day.getDayOfWeek());
    for (Holiday h : holidays) {
      m *= h.covers(day) ? h.store() : 1.0;
    }
    return m;
  }

  boolean isHoliday(LocalDate day) {
    return holidays.stream().anyMatch(h -> h.covers(day));
  }

  private static List<Holiday> holidaysBetween(LocalDate start, LocalDate end) {
    List<Holiday> all = new ArrayList<>();
    for (int year = start.getYear(); year <= end.getYear(); year++) {
      LocalDate festival = SPRING_FESTIVAL.get(year);
      if (festival != null) {
        all.add(
            new Holiday(
                "Spring Festival shopping",
                festival,
                festival.minusDays(14),
                festival.minusDays(3),
                1.35,
                1.3));
        all.add(
            new Holiday(
                "Spring Festival",
                festival,
                festival.minusDays(2),
                festival.plusDays(6),
                0.5,
                0.75));
      }
      LocalDate six18 = LocalDate.of(year, 6, 18);
      all.add(
          new Holiday("618 pre-sale", six18, six18.minusDays(17), six18.minusDays(1), 1.25, 1.05));
      all.add(new Holiday("618", six18, six18, six18, 3.0, 1.1));
      LocalDate double11 = LocalDate.of(year, 11, 11);
      all.add(
          new Holiday(
              "Double 11 pre-sale",
              double11,
              double11.minusDays(11),
              double11.minusDays(1),
              1.3,
              1.05));
      all.add(new Holiday("Double 11", double11, double11, double11, 4.0, 1.2));
    }
    return all.stream().filter(h -> !h.to().isBefore(start) && !h.from().isAfter(end)).toList();
  }

  // About 60% into the range, moved forward past any holiday so the two effects stay apart.
  private Collapse collapseIn(LocalDate start, LocalDate end, String region) {
    long days = java.time.temporal.ChronoUnit.DAYS.between(start, end) + 1;
    LocalDate from = start.plusDays(Math.max(0, Math.round(days * 0.6)));
    while (from.isBefore(end.minusDays(4)) && (isHoliday(from) || isHoliday(from.plusDays(3)))) {
      from = from.plusDays(1);
    }
    return new Collapse(region, from, from.plusDays(3), 0.12, 0.75);
  }

  private static Map<DayOfWeek, Double> weekly(double... byDay) {
    Map<DayOfWeek, Double> map = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      map.put(day, byDay[day.ordinal()]);
    }
    return Map.copyOf(map);
  }
}
