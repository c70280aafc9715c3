package org.opencdp.quality.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.opencdp.quality.rules.Action;
import org.opencdp.quality.rules.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts passed, flagged and quarantined events per event and source, and per rule: Micrometer
 * counters ({@code cdp_quality_events_total}, {@code cdp_quality_checks_total}) and per-day rows in
 * the database, added up in memory and written every few seconds by {@link #flush()}. The daily
 * rows are approximate: a crash loses the last seconds, and records read again after it count
 * twice.
 */
public final class QualityMetrics {

  /** The {@code rule} of a daily row counting whole events rather than one rule. */
  public static final String ALL_RULES = "*";

  private static final Logger log = LoggerFactory.getLogger(QualityMetrics.class);
  private static final int MAX_EVENT_TAGS = 200;

  private record Key(String tenant, LocalDate day, String event, String source, String rule) {}

  private final MeterRegistry registry;
  private final JdbcClient jdbc;
  private final Map<Key, AtomicLongArray> pending = new ConcurrentHashMap<>();
  private final Map<String, Boolean> eventTags = new ConcurrentHashMap<>();
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

  public QualityMetrics(MeterRegistry registry, JdbcClient jdbc) {
    this.registry = registry;
    this.jdbc = jdbc;
  }

  /** One event's outcome: {@code outcome} is what happened to it as a whole. */
  public void record(
      String tenant, String event, String source, Action outcome, Verdict verdict, long atMillis) {
    String eventName = event == null ? "" : event;
    String sourceId = source == null ? "" : source;
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(atMillis, 86_400_000L));
    counter("cdp.quality.events", outcome, "event", tag(eventName), "source", sourceId).increment();
    add(new Key(tenant, day, eventName, sourceId, ALL_RULES), outcome);
    for (Verdict.Check check : verdict.checks()) {
      counter("cdp.quality.checks", check.outcome(), "rule", check.rule(), "tenant", tenant)
          .increment();
      add(new Key(tenant, day, eventName, sourceId, check.rule()), check.outcome());
    }
  }

  /**
   * The counter for these tags, registered once: on the intake's path for every event, where
   * building and looking up a meter by its tags each time costs more than the rest of the
   * bookkeeping.
   */
  private Counter counter(String name, Action outcome, String k1, String v1, String k2, String v2) {
    return counters.computeIfAbsent(
        new CounterKey(name, outcome, v1, v2),
        k ->
            Counter.builder(name)
                .tag("outcome", outcomeName(outcome))
                .tag(k1, v1)
                .tag(k2, v2)
                .register(registry));
  }

  /** The tag names are fixed per meter name, so the values say which counter. */
  private record CounterKey(String name, Action outcome, String v1, String v2) {}

  /** Event names become tags only up to a bound: a tag per free-text name would grow forever. */
  private String tag(String event) {
    if (eventTags.containsKey(event)) {
      return event;
    }
    if (eventTags.size() < MAX_EVENT_TAGS) {
      eventTags.put(event, Boolean.TRUE);
      return event;
    }
    return "_other";
  }

  static String outcomeName(Action outcome) {
    return switch (outcome) {
      case ALLOW -> "passed";
      case FLAG -> "flagged";
      case QUARANTINE -> "quarantined";
    };
  }

  private void add(Key key, Action outcome) {
    pending.computeIfAbsent(key, k -> new AtomicLongArray(3)).incrementAndGet(outcome.ordinal());
  }

  /** Writes what was counted since the last flush into the daily rows. */
  public synchronized void flush() {
    Map<Key, long[]> taken = new HashMap<>();
    for (Key key : pending.keySet()) {
      AtomicLongArray counts = pending.remove(key);
      if (counts != null) {
        taken.put(key, new long[] {counts.get(0), counts.get(1), counts.get(2)});
      }
    }
    taken.forEach(this::upsert);
  }

  /** Flushes, logging instead of failing: metrics never stop the intake. */
  public void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("Could not write daily quality metrics: {}", e.toString());
    }
  }

  private void upsert(Key key, long[] c) {
    int updated =
        jdbc.sql(
                "update quality_daily set passed = passed + ?, flagged = flagged + ?,"
                    + " quarantined = quarantined + ? where tenant_id = ? and metric_day = ?"
                    + " and event = ? and source_id = ? and rule_key = ?")
            .params(
                c[0],
                c[1],
                c[2],
                key.tenant(),
                Date.valueOf(key.day()),
                key.event(),
                key.source(),
                key.rule())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into quality_daily (tenant_id, metric_day, event, source_id, rule_key, passed,"
                  + " flagged, quarantined) values (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              key.tenant(),
              Date.valueOf(key.day()),
              key.event(),
              key.source(),
              key.rule(),
              c[0],
              c[1],
              c[2])
          .update();
    }
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }
}
