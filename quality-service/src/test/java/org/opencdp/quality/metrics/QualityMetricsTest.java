package org.opencdp.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.opencdp.quality.TestDatabase;
import org.opencdp.quality.rules.Action;
import org.opencdp.quality.rules.Verdict;
import org.springframework.jdbc.core.simple.JdbcClient;

class QualityMetricsTest {

  final JdbcClient jdbc = JdbcClient.create(TestDatabase.h2());
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final QualityMetrics metrics = new QualityMetrics(registry, jdbc);
  final long now = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();

  static Verdict verdict(Action outcome, Verdict.Check... checks) {
    return new Verdict(outcome, List.of(), Map.of(), List.of(checks));
  }

  long daily(String tenant, String event, String rule, String column) {
    return jdbc.sql(
            "select coalesce(sum("
                + column
                + "), 0) from quality_daily where tenant_id = ? and event = ? and rule_key = ?")
        .params(tenant, event, rule)
        .query(Long.class)
        .single();
  }

  @Test
  void countsEventsAndChecksPerGroupInTheDailyRowsAndTheCounters() {
    Verdict passed = verdict(Action.ALLOW, new Verdict.Check("rule:cap", 1, Action.ALLOW));
    Verdict failed =
        verdict(Action.QUARANTINE, new Verdict.Check("rule:cap", 1, Action.QUARANTINE));
    metrics.record("acme", "Order Completed", "web", Action.ALLOW, passed, now);
    metrics.record("beta", "Order Completed", "web", Action.ALLOW, passed, now);
    metrics.record("acme", "Order Completed", "web", Action.QUARANTINE, failed, now);
    metrics.record("acme", "Order Completed", "app", Action.FLAG, passed, now);
    metrics.flush();
    metrics.record("acme", "Order Completed", "web", Action.ALLOW, passed, now);
    metrics.flush();

    assertThat(daily("acme", "Order Completed", QualityMetrics.ALL_RULES, "passed")).isEqualTo(2);
    assertThat(daily("acme", "Order Completed", QualityMetrics.ALL_RULES, "quarantined"))
        .isEqualTo(1);
    assertThat(daily("acme", "Order Completed", QualityMetrics.ALL_RULES, "flagged")).isEqualTo(1);
    assertThat(daily("acme", "Order Completed", "rule:cap", "passed")).isEqualTo(3);
    assertThat(daily("acme", "Order Completed", "rule:cap", "quarantined")).isEqualTo(1);
    assertThat(daily("beta", "Order Completed", "rule:cap", "passed")).isEqualTo(1);
    assertThat(
            registry
                .get("cdp.quality.events")
                .tags("outcome", "passed", "event", "Order Completed", "source", "web")
                .counter()
                .count())
        .isEqualTo(3);
    assertThat(
            registry
                .get("cdp.quality.checks")
                .tags("outcome", "quarantined", "rule", "rule:cap", "tenant", "acme")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void losesNoCountToFlushesRunningAlongside() throws Exception {
    long today = System.currentTimeMillis();
    Verdict passed = verdict(Action.ALLOW, new Verdict.Check("rule:cap", 1, Action.ALLOW));
    int n = 200_000;
    CompletableFuture<Void> intake =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < n; i++) {
                metrics.record("acme", "e" + (i % 3), "web", Action.ALLOW, passed, today);
              }
            });
    while (!intake.isDone()) {
      metrics.flush();
    }
    intake.get();
    metrics.flush();

    long whole = 0;
    long rule = 0;
    for (int e = 0; e < 3; e++) {
      whole += daily("acme", "e" + e, QualityMetrics.ALL_RULES, "passed");
      rule += daily("acme", "e" + e, "rule:cap", "passed");
    }
    assertThat(whole).isEqualTo(n);
    assertThat(rule).isEqualTo(n);
  }

  @Test
  void forgetsGroupsOfPastDaysOnceTheyAreIdle() {
    Verdict passed = verdict(Action.ALLOW);
    long longAgo = Instant.parse("2020-01-01T10:00:00Z").toEpochMilli();
    metrics.record("acme", "old", "web", Action.ALLOW, passed, longAgo);
    metrics.flush(); // written
    metrics.flush(); // idle and old: forgotten
    metrics.record("acme", "old", "web", Action.ALLOW, passed, longAgo);
    metrics.flush(); // a new group for the same day adds to the same row

    assertThat(daily("acme", "old", QualityMetrics.ALL_RULES, "passed")).isEqualTo(2);
  }
}
