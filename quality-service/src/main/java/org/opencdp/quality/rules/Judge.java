package org.opencdp.quality.rules;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.event.EventCodec;
import org.opencdp.event.Reason;
import org.opencdp.event.ReasonCode;
import org.opencdp.event.SegmentEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Judges one event by its tenant's plans and rules. Thread-safe. */
public final class Judge {

  private final ActiveRules active;

  /**
   * {@code codec} is the platform codec whose JSON form of an event the {@code event} variable
   * mirrors; the variables are read from the decoded event, not encoded with it again.
   */
  public Judge(ActiveRules active, EventCodec codec) {
    this.active = active;
  }

  public Verdict judge(SegmentEvent event, Instant now) {
    TenantRules rules = active.of(event.envelope().tenantId());
    if (rules.isEmpty()) {
      return Verdict.PASS;
    }
    Outcome out = new Outcome();
    String name = name(event);
    for (TrackingPlan plan : rules.plans()) {
      checkPlan(plan, event, name, out);
    }
    EventVariables variables = null;
    for (Rule rule : rules.rules()) {
      if (!rule.appliesTo(name)) {
        continue;
      }
      if (variables == null) {
        variables = new EventVariables(event, now);
      }
      checkRule(rule, variables, out);
    }
    return out.verdict();
  }

  private void checkPlan(TrackingPlan plan, SegmentEvent event, String name, Outcome out) {
    String type = event.type().wireName();
    Schema schema = plan.schemas().get(TrackingPlan.key(type, name));
    String key = plan.key();
    if (schema == null) {
      String what = name == null ? type : type + " '" + name + "'";
      out.failed(
          key,
          plan.version(),
          plan.unplanned(),
          List.of(
              new Reason(
                  ReasonCode.UNPLANNED_EVENT.code(),
                  name == null ? "type" : "event",
                  what + " is not in tracking plan " + plan.id())));
      return;
    }
    String root = type.equals("identify") || type.equals("group") ? "traits" : "properties";
    List<Error> errors = schema.validate(target(event));
    if (errors.isEmpty()) {
      out.passed(key, plan.version());
      return;
    }
    List<Reason> reasons = new ArrayList<>();
    for (Error error : errors.subList(0, Math.min(errors.size(), 20))) {
      reasons.add(SchemaViolations.reason(error, root));
    }
    out.failed(key, plan.version(), plan.mode(), reasons);
  }

  private static void checkRule(Rule rule, EventVariables variables, Outcome out) {
    String key = rule.key();
    String failure;
    try {
      if (rule.expression().test(variables)) {
        out.passed(key, rule.version());
        return;
      }
      failure = rule.message();
    } catch (Expressions.EvaluationFailed e) {
      failure = rule.message() + " (" + e.getMessage() + ")";
    }
    out.failed(
        key,
        rule.version(),
        rule.action(),
        List.of(new Reason(rule.code(), rule.field(), failure)));
  }

  /** The variables rule expressions see for {@code event}, all built (for tests). */
  static Map<String, Object> variables(SegmentEvent event, Instant now) {
    return new EventVariables(event, now).asMap();
  }

  /** The event's name: track's event, page's and screen's name; null for other types. */
  public static String name(SegmentEvent event) {
    if (event instanceof SegmentEvent.Track t) {
      return t.event();
    }
    if (event instanceof SegmentEvent.Page p) {
      return p.name();
    }
    return event instanceof SegmentEvent.Screen s ? s.name() : null;
  }

  private static JsonNode target(SegmentEvent event) {
    if (event instanceof SegmentEvent.Track t) {
      return t.properties();
    }
    if (event instanceof SegmentEvent.Page p) {
      return p.properties();
    }
    if (event instanceof SegmentEvent.Screen s) {
      return s.properties();
    }
    if (event instanceof SegmentEvent.Identify i) {
      return i.traits();
    }
    if (event instanceof SegmentEvent.Group g) {
      return g.traits();
    }
    return JsonNodeFactory.instance.objectNode();
  }

  /** Collects checks as they are made. */
  private static final class Outcome {
    private Action action = Action.ALLOW;
    private final List<Reason> reasons = new ArrayList<>();
    private final Map<String, Integer> fired = new LinkedHashMap<>();
    private final List<Verdict.Check> checks = new ArrayList<>();

    void passed(String rule, int version) {
      checks.add(new Verdict.Check(rule, version, Action.ALLOW));
    }

    void failed(String rule, int version, Action outcome, List<Reason> why) {
      checks.add(new Verdict.Check(rule, version, outcome));
      if (outcome != Action.ALLOW) {
        action = action.max(outcome);
        reasons.addAll(why);
        fired.put(rule, version);
      }
    }

    Verdict verdict() {
      return action == Action.ALLOW && checks.isEmpty()
          ? Verdict.PASS
          : new Verdict(action, List.copyOf(reasons), Map.copyOf(fired), List.copyOf(checks));
    }
  }
}
