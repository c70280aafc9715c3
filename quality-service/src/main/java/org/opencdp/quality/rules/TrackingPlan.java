package org.opencdp.quality.rules;

import com.networknt.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's tracking plan: which events exist and the JSON Schema of each one's {@code properties}
 * (track, page, screen) or {@code traits} (identify, group), and what a violation does.
 *
 * @param schemas by {@link #key(String, String)}
 * @param key how checks and metrics name it: {@code plan:<id>}
 */
public record TrackingPlan(
    String id,
    int version,
    String name,
    Action mode,
    Action unplanned,
    Map<String, Schema> schemas,
    String key) {

  private static final Set<String> NAMED = Set.of("track", "page", "screen");
  private static final Set<String> TYPES =
      Set.of("track", "page", "screen", "identify", "group", "alias");

  /** Lookup key of an event: {@code track:Order Completed}, {@code identify}. */
  static String key(String type, String name) {
    return NAMED.contains(type) ? type + ":" + (name == null ? "" : name) : type;
  }

  /** Validates a plan's body and compiles its schemas; refuses it naming the broken field. */
  static TrackingPlan parse(String id, int version, JsonNode body, PlanSchemas schemas) {
    String name = Definitions.text(body, "name", id);
    JsonNode modeNode = body.path("mode");
    Action mode =
        modeNode.isMissingNode() ? Action.QUARANTINE : Action.fromWire(modeNode.asString(""));
    if (mode == null) {
      throw new DefinitionInvalid("mode", "must be one of allow, flag, quarantine");
    }
    // What happens to an event the plan does not name: the plan's mode unless it says otherwise
    // (Segment Protocols lets unplanned events through unless told to block them).
    JsonNode unplannedNode = body.path("unplanned");
    Action unplanned =
        unplannedNode.isMissingNode() ? mode : Action.fromWire(unplannedNode.asString(""));
    if (unplanned == null) {
      throw new DefinitionInvalid("unplanned", "must be one of allow, flag, quarantine");
    }
    JsonNode events = body.path("events");
    if (!events.isArray()) {
      throw new DefinitionInvalid("events", "an array of {type, name, schema} is required");
    }
    Map<String, Schema> compiled = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      String at = "events[" + i + "]";
      String type = event.path("type").asString("track");
      if (!TYPES.contains(type)) {
        throw new DefinitionInvalid(at + ".type", "must be one of " + TYPES);
      }
      String eventName = event.path("name").isString() ? event.path("name").stringValue() : null;
      if (NAMED.contains(type) && (eventName == null || eventName.isBlank())) {
        throw new DefinitionInvalid(at + ".name", "a " + type + " event needs a name");
      }
      String key = key(type, eventName);
      if (compiled.containsKey(key)) {
        throw new DefinitionInvalid(at + ".name", "'" + key + "' is planned twice");
      }
      JsonNode schema = event.path("schema");
      compiled.put(
          key,
          schema.isMissingNode()
              ? schemas.compile(
                  tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), at + ".schema")
              : schemas.compile(schema, at + ".schema"));
    }
    return new TrackingPlan(id, version, name, mode, unplanned, Map.copyOf(compiled), "plan:" + id);
  }
}
