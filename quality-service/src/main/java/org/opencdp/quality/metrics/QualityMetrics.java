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
  private final Map<Group, Counts> groups = new ConcurrentHashMap<>();
  private final Map<String, Boolean> eventTags = new ConcurrentHashMap<>();
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

  /** The group of the last event recorded: consecutive events mostly share one. */
  private volatile Counts last;

  public QualityMetrics(MeterRegistry registry, JdbcClient jdbc) {
    this.registry = registry;
    this.jdbc = jdbc;
  }

  /** One event's outcome: {@code outcome} is what happened to it as a whole. */
  public void record(
      String tenant, String event, String source, Action outcome, Verdict verdict, long atMillis) {
    String eventName = event == null ? "" : event;
    String sourceId = source == null ? "" : source;
    long day = Math.floorDiv(atMillis, 86_400_000L);
    Counts counts = last;
    if (counts == null || !counts.group.is(tenant, day, eventName, sourceId)) {
      counts = groups.computeIfAbsent(new Group(tenant, day, eventName, sourceId), Counts::new);
      last = counts;
    }
    counts.whole.add(outcome);
    for (Verdict.Check check : verdict.checks()) {
      counts.rule(check.rule()).add(check.outcome());
    }
  }

  /** Events of one tenant, day, event name and source. */
  private record Group(String tenant, long day, String event, String source) {
    boolean is(String tenant, long day, String event, String source) {
      return this.day == day
          && this.tenant.equals(tenant)
          && this.event.equals(event)
          && this.source.equals(source);
    }
  }

  /**
   * What was counted for one group since the last flush, as a whole and per rule, with the
   * Micrometer counters each outcome increments resolved once: on the intake's path for every
   * event, building and looking up meters and keys each time costs more than the counting.
   */
  private final class Counts {
    final Group group;
    final Tally whole;
    final Map<String, Tally> rules = new ConcurrentHashMap<>();

    Counts(Group group) {
      this.group = group;
      this.whole =
          new Tally(
              o ->
                  counter(
                      "cdp.quality.events", o, "event", tag(group.event), "source", group.source));
    }

    Tally rule(String rule) {
      Tally tally = rules.get(rule);
      return tally != null
          ? tally
          : rules.computeIfAbsent(
              rule,
              r ->
                  new Tally(
                      o -> counter("cdp.quality.checks", o, "rule", r, "tenant", group.tenant)));
    }
  }

  /** Counts per outcome since the last flush, and the counter of each outcome. */
  private static final class Tally {
    final AtomicLongArray counts = new AtomicLongArray(3);
    final Counter[] counters = new Counter[3];
    final java.util.function.Function<Action, Counter> resolve;

    Tally(java.util.function.Function<Action, Counter> resolve) {
      this.resolve = resolve;
    }

    void add(Action outcome) {
      int i = outcome.ordinal();
      Counter counter = counters[i];
      if (counter == null) {
        counter = resolve.apply(outcome);
        counters[i] = counter; // a race resolves the same registered counter twice: harmless
      }
      counter.increment();
      counts.incrementAndGet(i);
    }

    /** The counts since the last call, each taken atomically (none lost to a concurrent add). */
    long[] take() {
      return new long[] {counts.getAndSet(0, 0), counts.getAndSet(1, 0), counts.getAndSet(2, 0)};
    }
  }

  /** The counter for these tags, registered once. */
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

  /**
   * Writes what was counted since the last flush into the daily rows; groups of days before
   * yesterday that counted nothing since are forgotten.
   */
  public synchronized void flush() {
    Map<Key, long[]> taken = new HashMap<>();
    long today = today().toEpochDay();
    for (Counts counts : groups.values()) {
      Group g = counts.group;
      LocalDate day = LocalDate.ofEpochDay(g.day());
      boolean idle =
          put(taken, new Key(g.tenant(), day, g.event(), g.source(), ALL_RULES), counts.whole);
      for (Map.Entry<String, Tally> rule : counts.rules.entrySet()) {
        Key key = new Key(g.tenant(), day, g.event(), g.source(), rule.getKey());
        idle &= put(taken, key, rule.getValue());
      }
      // events are counted on the day they are screened: a group two days old gets no more adds
      if (idle && g.day() < today - 1) {
        groups.remove(g);
        if (last == counts) {
          last = null;
        }
      }
    }
    taken.forEach(this::upsert);
  }

  /** Takes a tally's counts into {@code taken}; whether it had counted nothing. */
  private static boolean put(Map<Key, long[]> taken, Key key, Tally tally) {
    long[] c = tally.take();
    if (c[0] == 0 && c[1] == 0 && c[2] == 0) {
      return true;
    }
    taken.put(key, c);
    return false;
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
