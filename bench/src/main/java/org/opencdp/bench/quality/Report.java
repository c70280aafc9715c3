package org.opencdp.bench.quality;

import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;

/** The benchmark's results as Markdown, with each target's verdict. */
final class Report {

  private static final double TARGET_RATE = 50_000;
  private static final double TARGET_P95 = 5.0;

  private Report() {}

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
    System.out.printf(
        Locale.ROOT,
        "| quality-service, raw topic to Parquet (first to last landed, %.1f s) | %,.0f events/s"
            + " | %.1f%% |%n",
        num(r, "land.seconds"),
        rate,
        100 * rate / baseline);
    if (r.getProperty("land.cpu-us-per-event") != null) {
      System.out.printf(
          Locale.ROOT,
          "| quality-service CPU per event over the same span: process / intake thread |"
              + " %.1f / %.1f µs | |%n",
          num(r, "land.cpu-us-per-event"),
          num(r, "land.intake-cpu-us-per-event"));
      System.out.printf(
          Locale.ROOT,
          "| of it, by thread group (µs per event) | %s | |%n",
          r.getProperty("land.cpu-by-thread", ""));
    }
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
    System.out.printf(
        Locale.ROOT,
        "target >= 50,000 events/s: %s (%,.0f)%n",
        rate >= TARGET_RATE
            ? "met"
            : String.format(Locale.ROOT, "MISSED by %.0f%%", 100 * (1 - rate / TARGET_RATE)),
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
