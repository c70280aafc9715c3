package org.opencdp.launcher.demo;

import java.time.LocalDate;

/**
 * What the demo generator makes; the same spec always gives the same events, byte for byte.
 *
 * @param seed the random seed
 * @param customers how many customers
 * @param products how many products (spread over twelve categories)
 * @param days how many days of activity
 * @param endDate the last day of activity
 * @param invalidRate the share of extra, invalid events (they must end in quarantine)
 */
public record DemoSpec(
    long seed, int customers, int products, int days, LocalDate endDate, double invalidRate) {

  /** The default: a year ending 2026-11-30, so Spring Festival, 618 and Double 11 fall inside. */
  public static DemoSpec standard() {
    return new DemoSpec(42, 20_000, 500, 365, LocalDate.of(2026, 11, 30), 0.02);
  }

  /** For tests and quick looks: 500 customers over November 2026 (Double 11 inside). */
  public static DemoSpec small() {
    return new DemoSpec(42, 500, 120, 30, LocalDate.of(2026, 11, 30), 0.02);
  }

  /** {@code small} or {@code standard} (alias {@code default}). */
  public static DemoSpec preset(String name) {
    return switch (name) {
      case "small" -> small();
      case "standard", "default" -> standard();
      default ->
          throw new IllegalArgumentException("unknown demo size " + name + " (small | standard)");
    };
  }

  public DemoSpec {
    if (customers < 10 || products < 12 || days < 7) {
      throw new IllegalArgumentException(
          "demo needs at least 10 customers, 12 products and 7 days");
    }
  }

  public LocalDate startDate() {
    return endDate.minusDays(days - 1L);
  }

  public DemoSpec withSeed(long value) {
    return new DemoSpec(value, customers, products, days, endDate, invalidRate);
  }

  public DemoSpec withDays(int value) {
    return new DemoSpec(seed, customers, products, value, endDate, invalidRate);
  }

  public DemoSpec withCustomers(int value) {
    return new DemoSpec(seed, value, products, days, endDate, invalidRate);
  }

  public DemoSpec withEndDate(LocalDate value) {
    return new DemoSpec(seed, customers, products, days, value, invalidRate);
  }
}
