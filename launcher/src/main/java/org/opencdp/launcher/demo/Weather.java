package org.opencdp.launcher.demo;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Daily weather per region, and how it moves shoppers between stores and screens. */
final class Weather {

  /** The weather of one region on one day. */
  record Day(LocalDate date, String region, String condition, int temperatureC, double rainMm) {}

  /** Condition -> {store multiplier, online multiplier}. */
  static final Map<String, double[]> EFFECTS =
      Map.of(
          "sunny", new double[] {1.1, 0.95},
          "cloudy", new double[] {1.0, 1.0},
          "rain", new double[] {0.6, 1.15},
          "storm", new double[] {0.3, 1.3});

  private final Map<String, Day> days = new LinkedHashMap<>();

  Weather(LocalDate start, int dayCount, SplittableRandom random) {
    for (int d = 0; d < dayCount; d++) {
      LocalDate date = start.plusDays(d);
      for (Catalog.Region region : Catalog.REGIONS) {
        days.put(key(date, region.name()), day(date, region.name(), random));
      }
    }
  }

  private static Day day(LocalDate date, String region, SplittableRandom random) {
    // Seasons: coldest mid-January, the north colder and drier, the south wetter in summer.
    double season = Math.cos(2 * Math.PI * (date.getDayOfYear() - 15) / 365.0);
    double mean =
        switch (region) {
          case "North" -> 12 - 16 * season;
          case "South" -> 23 - 8 * season;
          case "West" -> 17 - 10 * season;
          default -> 17 - 13 * season;
        };
    double wet =
        (region.equals("North") ? 0.12 : region.equals("South") ? 0.3 : 0.22) + 0.1 * -season;
    double u = random.nextDouble();
    String condition =
        u < wet * 0.25 ? "storm" : u < wet ? "rain" : u < wet + 0.3 ? "cloudy" : "sunny";
    double rain =
        switch (condition) {
          case "storm" -> 30 + random.nextDouble() * 60;
          case "rain" -> 2 + random.nextDouble() * 20;
          default -> 0;
        };
    int temperature = (int) Math.round(mean + random.nextGaussian() * 3);
    return new Day(date, region, condition, temperature, Math.round(rain * 10) / 10.0);
  }

  Day on(LocalDate date, String region) {
    return days.get(key(date, region));
  }

  double storeMultiplier(LocalDate date, String region) {
    return EFFECTS.get(on(date, region).condition())[0];
  }

  double onlineMultiplier(LocalDate date, String region) {
    return EFFECTS.get(on(date, region).condition())[1];
  }

  List<Day> all() {
    return List.copyOf(days.values());
  }

  /** {@code date,region,condition,temperature_c,rain_mm} lines with a header. */
  String csv() {
    StringBuilder csv = new StringBuilder("date,region,condition,temperature_c,rain_mm\n");
    for (Day day : days.values()) {
      csv.append(day.date())
          .append(',')
          .append(day.region())
          .append(',')
          .append(day.condition())
          .append(',')
          .append(day.temperatureC())
          .append(',')
          .append(day.rainMm())
          .append('\n');
    }
    return csv.toString();
  }

  private static String key(LocalDate date, String region) {
    return date + "/" + region;
  }
}
