package org.opencdp.quality.rules;

import org.opencdp.event.ReasonCode;
import tools.jackson.databind.JsonNode;

/**
 * A completeness or value rule: a CEL expression that must hold for every event it applies to.
 *
 * @param event the event name it applies to, or null for every event
 * @param field the field it is about, for the reason (e.g. {@code properties.revenue}), or null
 * @param code the reason code of a failure, e.g. {@code value_out_of_range}
 * @param action {@link Action#FLAG} or {@link Action#QUARANTINE}
 * @param key how checks and metrics name it: {@code rule:<id>}
 */
public record Rule(
    String id,
    int version,
    String name,
    String event,
    Expressions.Expression expression,
    String field,
    String code,
    Action action,
    String message,
    String key) {

  static Rule parse(String id, int version, JsonNode body, Expressions expressions) {
    String event = body.path("event").isString() ? body.path("event").stringValue() : null;
    if ("*".equals(event) || (event != null && event.isBlank())) {
      event = null;
    }
    Expressions.Expression expression =
        expressions.compile(body.path("expression").asString(null), "expression");
    String code = Definitions.text(body, "code", ReasonCode.RULE_FAILED.code());
    if (!code.matches("[a-z][a-z0-9_]{1,62}")) {
      throw new DefinitionInvalid("code", "must be snake_case, e.g. value_out_of_range");
    }
    JsonNode actionNode = body.path("action");
    Action action =
        actionNode.isMissingNode() ? Action.QUARANTINE : Action.fromWire(actionNode.asString(""));
    if (action == null || action == Action.ALLOW) {
      throw new DefinitionInvalid("action", "must be flag or quarantine");
    }
    String field = body.path("field").isString() ? body.path("field").stringValue() : null;
    String message =
        Definitions.text(body, "message", "rule " + id + " failed: " + expression.source());
    return new Rule(
        id,
        version,
        Definitions.text(body, "name", id),
        event,
        expression,
        field,
        code,
        action,
        message,
        "rule:" + id);
  }

  boolean appliesTo(String eventName) {
    return event == null || event.equals(eventName);
  }
}
