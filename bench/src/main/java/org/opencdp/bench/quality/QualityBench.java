package org.opencdp.bench.quality;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * quality-service benchmark driver, one step per call so that the script can restart the service in
 * between; each step appends what it measured to {@code <work>/results.properties}.
 *
 * <ul>
 *   <li>{@code rules <serviceUrl> <keyFile>}: posts {@link RuleSet};
 *   <li>{@code produce <bootstrap> <topic> <n> <work>}: pre-produces n events ({@link
 *       BenchEvents}), then the baseline: a bare consumer reads them back;
 *   <li>{@code land <lake> <topic> <n> <work> [service pid]}: with the service started afterwards,
 *       polls the lake with DuckDB until all n are in events or quarantine: events/s from first
 *       landed to last, and (given the pid) the service's CPU time per event over the same span, of
 *       the whole process and of its intake thread;
 *   <li>{@code fresh <bootstrap> <topic> <lake> <perSecond|auto> <seconds> <work>}: {@link
 *       Freshness}; {@code auto} is 2,000/s or half the landing rate measured, if lower;
 *   <li>{@code report <work> <load average>}: the Markdown table.
 * </ul>
 */
public final class QualityBench {

  private static final Duration STALL = Duration.ofSeconds(120);

  private QualityBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "rules" -> RuleSet.post(args[1], Path.of(args[2]));
      case "produce" -> produce(args[1], args[2], Long.parseLong(args[3]), Path.of(args[4]));
      case "land" ->
          land(
              Path.of(args[1]),
              args[2],
              Long.parseLong(args[3]),
              Path.of(args[4]),
              args.length > 5 ? new ProcCpu(Long.parseLong(args[5])) : null);
      case "fresh" ->
          save(
              Path.of(args[6]),
              new Freshness(args[1], args[2], Path.of(args[3]))
                  .run(freshRate(args[4], Path.of(args[6])), Integer.parseInt(args[5])));
      case "report" -> Report.print(load(Path.of(args[1])), args[2]);
      default -> throw new IllegalArgumentException("unknown step " + args[0]);
    }
  }

  private static void produce(String bootstrap, String topic, long n, Path work) throws Exception {
    long expectedQuarantined = 0;
    for (long i = 0; i < n; i++) {
      expectedQuarantined += BenchEvents.kind(i).quarantined() ? 1 : 0;
    }
    try (RawTopic raw = new RawTopic(bootstrap, topic)) {
      raw.partitions();
      BenchEvents events = new BenchEvents("tp", topic);
      events.check();
      System.out.printf(Locale.ROOT, "producing %,d events%n", n);
      double produced = raw.produce(events, n);
      System.out.printf(Locale.ROOT, "produced at %,.0f events/s; baseline consumer%n", produced);
      double consumed = raw.consume(n);
      System.out.printf(Locale.ROOT, "raw consumer: %,.0f records/s%n", consumed);
      save(
          work,
          Map.of(
              "n", Long.toString(n),
              "expected.quarantined", Long.toString(expectedQuarantined),
              "produce.rate", fmt(produced),
              "baseline.rate", fmt(consumed)));
    }
  }

  /** Where the landing stood at one poll: time, rows, and the service's CPU so far. */
  private record Mark(
      long nanos, long rows, double process, double intake, Map<String, Double> groups) {
    static Mark at(long nanos, long rows, ProcCpu cpu) {
      return cpu == null
          ? new Mark(nanos, rows, Double.NaN, Double.NaN, Map.of())
          : new Mark(
              nanos, rows, cpu.process(), cpu.threads("quality-intake"), cpu.byThreadGroup());
    }
  }

  /**
   * Counts rows until all {@code n} are in the lake. Two spans are measured: the whole run, from
   * the first rows seen to the last (JIT compilation and heap growth included), and its second
   * half, from the poll where half of the rows after the first sighting were in, which is the
   * sustained rate of a warmed-up service.
   */
  private static void land(Path lake, String topic, long n, Path work, ProcCpu cpu)
      throws Exception {
    try (LakeWatch watch = new LakeWatch(lake, topic)) {
      long start = System.nanoTime();
      Mark first = null;
      Mark half = null;
      long total = 0;
      long progressNanos = start;
      while (total < n) {
        long rows = watch.eventRows() + watch.quarantineRows();
        long now = System.nanoTime();
        if (rows > total) {
          progressNanos = now;
        } else if (now - progressNanos > STALL.toNanos()) {
          throw new IllegalStateException("stalled at " + rows + " of " + n + " rows");
        }
        if (first == null && rows > 0) {
          first = Mark.at(now, rows, cpu);
        } else if (first != null && half == null && rows - first.rows() >= (n - first.rows()) / 2) {
          half = Mark.at(now, rows, cpu);
        }
        total = rows;
        if (total < n) {
          Thread.sleep(200);
        }
      }
      Mark end = Mark.at(System.nanoTime(), total, cpu);
      if (half == null) {
        half = first;
      }
      Properties out = new Properties();
      span(out, "land", first, end, cpu != null);
      span(out, "steady", half, end, cpu != null);
      System.out.printf(
          Locale.ROOT,
          "%,d rows landed; %s events/s from first landed (%,d rows) to last, %s events/s over"
              + " the second half%n",
          total,
          out.getProperty("land.rate"),
          first.rows(),
          out.getProperty("steady.rate"));
      Map<String, Long> outcomes = watch.outcomes();
      outcomes.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s: %,d%n", k, v));
      out.put("land.rows", Long.toString(total));
      out.put("land.first-rows", Long.toString(first.rows()));
      out.put("land.from-ready-seconds", fmt((end.nanos() - start) / 1e9));
      outcomes.forEach((k, v) -> out.put("outcome." + k, Long.toString(v)));
      save(work, out);
    }
  }

  /** Rate and CPU per event between two marks, as {@code <prefix>.rate} and so on. */
  private static void span(Properties out, String prefix, Mark from, Mark to, boolean withCpu) {
    long rows = to.rows() - from.rows();
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    out.put(prefix + ".rate", fmt(rows / seconds));
    out.put(prefix + ".seconds", fmt(seconds));
    if (withCpu) {
      out.put(prefix + ".cpu-us-per-event", fmt((to.process() - from.process()) / rows * 1e6));
      out.put(prefix + ".intake-cpu-us-per-event", fmt((to.intake() - from.intake()) / rows * 1e6));
      out.put(prefix + ".cpu-by-thread", perEvent(from.groups(), to.groups(), rows));
    }
  }

  /** The thread groups that used the most CPU between two snapshots, in µs per event. */
  private static String perEvent(Map<String, Double> before, Map<String, Double> after, long n) {
    return after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / n))
        .filter(e -> e.getValue() * 1e6 >= 0.5)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(12)
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() * 1e6))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** A moderate rate: freshness is measured below capacity, not in a backlog. */
  private static int freshRate(String arg, Path work) throws IOException {
    if (!arg.equals("auto")) {
      return Integer.parseInt(arg);
    }
    double landed = Double.parseDouble(load(work).getProperty("land.rate", "4000"));
    return (int) Math.max(50, Math.min(2_000, landed / 2));
  }

  static String fmt(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static void save(Path work, Map<?, ?> values) throws IOException {
    Properties p = new Properties();
    p.putAll(values);
    try (Writer w =
        Files.newBufferedWriter(
            work.resolve("results.properties"),
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      p.store(w, null);
    }
  }

  private static Properties load(Path work) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(work.resolve("results.properties"))) {
      p.load(r);
    }
    return p;
  }
}
