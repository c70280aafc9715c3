package org.opencdp.launcher.demo;

import java.time.LocalDate;
import java.util.Locale;

/**
 * What the large-volume lake generator writes; the same spec always gives the same rows.
 *
 * @param tenant the tenant whose lake folder gets the events
 * @param rows how many events
 * @param days how many days they spread over (an even share a day)
 * @param endDate the last day
 * @param users how many distinct users
 * @param seed the seed every value is hashed with
 */
public record LakeSpec(
    String tenant, long rows, int days, LocalDate endDate, int users, long seed) {

  public LakeSpec {
    if (!tenant.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
      throw new IllegalArgumentException(
          "tenant must match [a-z0-9][a-z0-9_-]{0,62}, got " + tenant);
    }
    if (rows < 1 || days < 1 || users < 1) {
      throw new IllegalArgumentException("rows, days and users must be at least 1");
    }
  }

  /** The lake mode of {@code ./cdp demo}: the demo spec's days, end date, customers and seed. */
  public static LakeSpec of(String tenant, long rows, DemoSpec demo) {
    return new LakeSpec(tenant, rows, demo.days(), demo.endDate(), demo.customers(), demo.seed());
  }

  public LocalDate startDate() {
    return endDate.minusDays(days - 1L);
  }

  /** The first row of day {@code day} (0-based; {@code days} gives {@code rows}). */
  long firstRow(int day) {
    return (day * rows + days - 1) / days;
  }

  /**
   * Part of every file name this spec writes: a rerun of the same spec replaces its own files, a
   * different spec adds files beside them.
   */
  String fingerprint() {
    return String.format(
        Locale.ROOT,
        "s%d-%08x",
        seed,
        (tenant + "|" + rows + "|" + days + "|" + endDate + "|" + users).hashCode());
  }
}
