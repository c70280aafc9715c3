package org.opencdp.bench.quality;

import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;

/** The benchmark's results as Markdown, with each target's verdict. */
final class Report {

  private static final double TARGET_RATE = 50_000;
  private static final double TARGET_P95 = 5.0;

  private Report() {}

  /** The rate of one measured span and, when measured, its CPU per event. */
  private static void span(Properties r, String prefix, String what, double baseline) {
    double rate = num(r, prefix + ".rate");
    System.out.printf(
        Locale.ROOT,
        "| quality-service, raw topic to Parquet, %s (%.1f s) | %,.0f events/s | %.1f%% |%n",
        what,
        num(r, prefix + ".seconds"),
        rate,
        100 * rate / baseline);
    if (r.getProperty(prefix + ".cpu-us-per-event") != null) {
      System.out.printf(
          Locale.ROOT,
          "| … its CPU per event: process / intake thread | %.1f / %.1f µs | |%n",
          num(r, prefix + ".cpu-us-per-event"),
          num(r, prefix + ".intake-cpu-us-per-event"));
      System.out.printf(
          Locale.ROOT,
          "| … by thread group (µs per event) | %s | |%n",
          r.getProperty(prefix + ".cpu-by-thread", ""));
    }
  }

  static void print(Properties r, String load) {
    double baseline = num(r, "baseline.rate");
    double rate = num(r, "land.rate");
    double p95 = num(r, "fresh.p95");
    System.out.println();
    System.out.println("load average before the run: " + load);
    System.out.printf(
        Locale.ROOT,
        "%,d events pre-produced (%,.0f events/s produced), %,d meant for quarantine%n%n",
        (long) num(r, "n"),
        num(r, "produce.rate"),
        (long) num(r, "expected.quarantined"));
    System.out.println("| measure | value | of raw consumer |");
    System.out.println("| --- | ---: | ---: |");
    System.out.printf(
        Locale.ROOT, "| raw KafkaConsumer, same records | %,.0f records/s | 100%% |%n", baseline);
    span(r, "land", "whole run: first to last landed", baseline);
    span(r, "steady", "second half of the run (warmed up)", baseline);
    System.out.printf(
        Locale.ROOT,
        "| freshness at %s events/s for %s s (%s of %s visible) | p50 %.2f s, p95 %.2f s, p99 %.2f"
            + " s, max %.2f s | |%n%n",
        r.getProperty("fresh.rate"),
        r.getProperty("fresh.seconds"),
        r.getProperty("fresh.seen"),
        r.getProperty("fresh.expected"),
        num(r, "fresh.p50"),
        p95,
        num(r, "fresh.p99"),
        num(r, "fresh.max"));
    System.out.println("outcomes of the throughput run (DuckDB over the lake):");
    new TreeMap<>(r)
        .forEach(
            (k, v) -> {
              if (k.toString().startsWith("outcome.")) {
                System.out.println("- " + k.toString().substring(8) + ": " + v);
              }
            });
    System.out.println();
    double steady = num(r, "steady.rate");
    System.out.printf(
        Locale.ROOT,
        "target >= 50,000 events/s sustained (second half): %s (%,.0f; whole run %,.0f)%n",
        steady >= TARGET_RATE
            ? "met"
            : String.format(Locale.ROOT, "MISSED by %.0f%%", 100 * (1 - steady / TARGET_RATE)),
        steady,
        rate);
    System.out.printf(
        Locale.ROOT,
        "target freshness p95 <= 5 s: %s (%.2f s)%n",
        p95 <= TARGET_P95
            ? "met"
            : String.format(Locale.ROOT, "MISSED by %.2f s", p95 - TARGET_P95),
        p95);
  }

  private static double num(Properties r, String key) {
    String v = r.getProperty(key);
    return v == null ? Double.NaN : Double.parseDouble(v);
  }
}
