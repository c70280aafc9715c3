package org.opencdp.quality.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.event.Reason;
import org.opencdp.event.ReasonCode;
import org.opencdp.event.SegmentEvent;
import org.opencdp.event.lake.EventRow;
import org.opencdp.quality.dedup.DedupWindow;
import org.opencdp.quality.metrics.QualityMetrics;
import org.opencdp.quality.outliers.OutlierDetector;
import org.opencdp.quality.rules.Action;
import org.opencdp.quality.rules.Judge;
import org.opencdp.quality.rules.Verdict;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides, for one decoded event, whether it lands in the lake (perhaps flagged) or in quarantine:
 * deduplication by messageId, then the tenant's tracking plans and rules, then the outlier
 * detector. {@link #judge} (the rules, which depend on the event alone) is thread-safe and may run
 * ahead on other threads; {@link #screen} (deduplication, outliers, metrics: state that depends on
 * the order of events) is used by the raw intake's thread only, in the order of the records.
 */
public final class Screening {

  /** Context key under which a flagged event carries its violations (the lake has no column). */
  public static final String FLAG_KEY = "opencdp_quality";

  /** What happens to the event. */
  sealed interface Result permits Pass, Refuse {}

  /** Lands in the lake: the event as it is, or with its flag in context. */
  record Pass(SegmentEvent event) implements Result {}

  /** Goes to quarantine with these reasons and the versions of what fired. */
  record Refuse(List<Reason> reasons, Map<String, Integer> ruleVersions) implements Result {}

  /** The rules' verdict on an event at {@code now}, or why it could not be made. */
  record Judged(Verdict verdict, Instant now, RuntimeException failure) {}

  private final Judge judge;
  private final DedupWindow dedup;
  private final OutlierDetector outliers;
  private final QualityMetrics metrics;
  private final Clock clock;

  public Screening(
      Judge judge,
      DedupWindow dedup,
      OutlierDetector outliers,
      QualityMetrics metrics,
      Clock clock) {
    this.judge = judge;
    this.dedup = dedup;
    this.outliers = outliers;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Judges {@code event} by its tenant's plans and rules, now; thread-safe, never throws. */
  Judged judge(SegmentEvent event) {
    Instant now = clock.instant();
    try {
      return new Judged(judge.judge(event, now), now, null);
    } catch (RuntimeException e) {
      return new Judged(null, now, e);
    }
  }

  Result screen(SegmentEvent event) {
    return screen(event, judge(event));
  }

  /**
   * Screens {@code event} with its verdict made ahead: a duplicate is refused whatever the rules
   * said; a verdict that could not be made throws (the record is then quarantined as unprocessable,
   * and its messageId is not held).
   */
  Result screen(SegmentEvent event, Judged judged) {
    Instant now = judged.now();
    String tenant = event.envelope().tenantId();
    String name = Judge.name(event);
    String source = event.envelope().sourceId();
    if (dedup.seenElseHold(tenant, event.envelope().messageId())) {
      Reason duplicate =
          new Reason(
              ReasonCode.DUPLICATE.code(),
              "messageId",
              "messageId already landed within the last " + dedup.window());
      metrics.record(tenant, name, source, Action.QUARANTINE, Verdict.PASS, now.toEpochMilli());
      return new Refuse(List.of(duplicate), Map.of("dedup", 1));
    }
    if (judged.failure() != null) {
      dedup.release(tenant, event.envelope().messageId());
      throw judged.failure();
    }
    Verdict verdict = judged.verdict();
    Result result = decide(event, tenant, name, verdict);
    Action outcome =
        result instanceof Refuse
            ? Action.QUARANTINE
            : verdict.action() == Action.FLAG ? Action.FLAG : Action.ALLOW;
    metrics.record(tenant, name, source, outcome, verdict, now.toEpochMilli());
    if (result instanceof Refuse) {
      dedup.release(tenant, event.envelope().messageId());
    }
    return result;
  }

  private Result decide(SegmentEvent event, String tenant, String name, Verdict verdict) {
    if (verdict.action() == Action.QUARANTINE) {
      return new Refuse(verdict.reasons(), verdict.ruleVersions());
    }
    JsonNode values = values(event);
    List<Reason> outlying = outliers.check(tenant, name == null ? "" : name, values);
    if (!outlying.isEmpty()) {
      Map<String, Integer> versions = new LinkedHashMap<>(verdict.ruleVersions());
      versions.put("outliers", 1);
      return new Refuse(outlying, versions);
    }
    outliers.learn(tenant, name == null ? "" : name, values);
    return new Pass(verdict.action() == Action.FLAG ? flagged(event, verdict) : event);
  }

  /** A record that was screened in but could not be buffered after all. */
  void release(SegmentEvent event) {
    dedup.release(event.envelope().tenantId(), event.envelope().messageId());
  }

  /** The rows are durable in the lake: their messageIds are duplicates from now on. */
  void landed(List<EventRow> rows) {
    for (EventRow row : rows) {
      dedup.landed(row.tenantId(), row.messageId(), row.receivedAt());
    }
    dedup.expire(clock.instant());
  }

  /** The intake dropped its buffers; what they held will be read again. */
  void forgetPending() {
    dedup.forgetPending();
  }

  private static SegmentEvent flagged(SegmentEvent event, Verdict verdict) {
    ObjectNode flag = JsonNodeFactory.instance.objectNode();
    flag.put("flagged", true);
    var reasons = flag.putArray("reasons");
    for (Reason r : verdict.reasons()) {
      reasons.addObject().put("code", r.code()).put("field", r.field()).put("message", r.message());
    }
    ObjectNode versions = flag.putObject("ruleVersions");
    verdict.ruleVersions().forEach(versions::put);
    return event.mapEnvelope(
        e -> {
          ObjectNode context = e.context().deepCopy();
          context.set(FLAG_KEY, flag);
          return e.withContext(context, e.integrations());
        });
  }

  private static JsonNode values(SegmentEvent event) {
    if (event instanceof SegmentEvent.Track t) {
      return t.properties();
    }
    if (event instanceof SegmentEvent.Page p) {
      return p.properties();
    }
    if (event instanceof SegmentEvent.Screen s) {
      return s.properties();
    }
    return JsonNodeFactory.instance.objectNode();
  }
}
