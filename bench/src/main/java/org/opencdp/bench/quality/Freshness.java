package org.opencdp.bench.quality;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Freshness: events produced at a steady rate, each carrying its produce time as {@code receivedAt}
 * (what ingest-service stamps just before producing), while a DuckDB glob over the lake is re-run
 * every 100 ms; a row is visible when the glob first lists its file, and its freshness is that
 * moment minus its {@code received_at}. The same 2% broken mix as the throughput run; only the
 * events meant to land in {@code events} are waited for.
 */
final class Freshness {

  private static final String PREFIX = "fr";
  private static final long POLL_MILLIS = 100;
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final String bootstrap;
  private final String topic;
  private final Path lake;

  Freshness(String bootstrap, String topic, Path lake) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.lake = lake;
  }

  Map<String, String> run(int perSecond, int seconds) throws Exception {
    long total = (long) perSecond * seconds;
    long expected = 0;
    for (long i = 0; i < total; i++) {
      expected += BenchEvents.kind(i).quarantined() ? 0 : 1;
    }
    Histogram micros = new Histogram(3_600_000_000L, 3);
    AtomicLong produced = new AtomicLong();
    try (LakeWatch watch = new LakeWatch(lake, topic);
        RawTopic raw = new RawTopic(bootstrap, topic)) {
      Set<String> known = new HashSet<>(watch.eventFiles());
      Thread producer = new Thread(() -> produce(raw, perSecond, total, produced), "fresh-produce");
      producer.start();
      long seen = 0;
      long giveUp = Long.MAX_VALUE;
      while (seen < expected && System.nanoTime() < giveUp) {
        Thread.sleep(POLL_MILLIS);
        List<String> fresh = new ArrayList<>();
        for (String f : watch.eventFiles()) {
          if (known.add(f)) {
            fresh.add(f);
          }
        }
        long visibleMicros = epochMicros(Instant.now());
        if (!fresh.isEmpty()) {
          for (long received : watch.receivedMicros(fresh, PREFIX + "-")) {
            micros.recordValue(Math.max(0, visibleMicros - received));
            seen++;
          }
        }
        if (!producer.isAlive() && giveUp == Long.MAX_VALUE) {
          giveUp = System.nanoTime() + GRACE.toNanos();
        }
      }
      producer.join();
      raw.flush();
      System.out.printf(
          Locale.ROOT,
          "freshness: %,d produced, %,d of %,d expected visible; p50 %.2f s, p95 %.2f s,"
              + " p99 %.2f s, max %.2f s%n",
          produced.get(),
          seen,
          expected,
          micros.getValueAtPercentile(50) / 1e6,
          micros.getValueAtPercentile(95) / 1e6,
          micros.getValueAtPercentile(99) / 1e6,
          micros.getMaxValue() / 1e6);
      return Map.of(
          "fresh.rate", Integer.toString(perSecond),
          "fresh.seconds", Integer.toString(seconds),
          "fresh.produced", Long.toString(produced.get()),
          "fresh.expected", Long.toString(expected),
          "fresh.seen", Long.toString(seen),
          "fresh.p50", QualityBench.fmt(micros.getValueAtPercentile(50) / 1e6),
          "fresh.p95", QualityBench.fmt(micros.getValueAtPercentile(95) / 1e6),
          "fresh.p99", QualityBench.fmt(micros.getValueAtPercentile(99) / 1e6),
          "fresh.max", QualityBench.fmt(micros.getMaxValue() / 1e6));
    }
  }

  /** Open loop: every 10 ms the records then due, whatever the broker's speed. */
  private static void produce(RawTopic raw, int perSecond, long total, AtomicLong produced) {
    BenchEvents events = new BenchEvents(PREFIX, raw.topic());
    long start = System.nanoTime();
    long i = 0;
    try {
      while (i < total) {
        long due = Math.min(total, (System.nanoTime() - start) * perSecond / 1_000_000_000L);
        for (; i < due; i++) {
          raw.send(events.record(i, Instant.now()));
          produced.incrementAndGet();
        }
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long epochMicros(Instant at) {
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
  }
}
