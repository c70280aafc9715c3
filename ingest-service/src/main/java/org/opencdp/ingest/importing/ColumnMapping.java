package org.opencdp.ingest.importing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencdp.event.EventType;
import org.opencdp.ingest.IngestErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How CSV columns become event fields. {@code mapping=col:path[:string],...} names a target for a
 * column ({@code userId}, {@code properties.revenue}, {@code context.locale}, {@code -} to skip);
 * an unmapped column named like an envelope field maps to it, any other to {@code properties.<col>}
 * ({@code traits.<col>} for identify and group). Numbers and booleans in properties, traits and
 * context are typed unless the mapping says {@code :string}.
 */
final class ColumnMapping {

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "type",
          "messageId",
          "userId",
          "anonymousId",
          "event",
          "name",
          "category",
          "groupId",
          "previousId",
          "timestamp",
          "originalTimestamp",
          "sentAt");
  private static final Set<String> OBJECTS =
      Set.of("properties", "traits", "context", "integrations");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_$-]{1,64}");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,17})?([eE][+-]?[0-9]{1,3})?");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private record Target(List<String> path, boolean forceString) {}

  private final EventType type;
  private final String defaultEvent;
  private final Map<String, Target> explicit;
  private List<Target> columns;

  private ColumnMapping(EventType type, String defaultEvent, Map<String, Target> explicit) {
    this.type = type;
    this.defaultEvent = defaultEvent;
    this.explicit = explicit;
  }

  /** Parses the request's {@code type}, {@code event} and {@code mapping} parameters. */
  static ColumnMapping parse(String typeName, String defaultEvent, String mapping) {
    EventType type =
        EventType.fromWire(typeName == null ? "track" : typeName)
            .orElseThrow(
                () ->
                    invalid(
                        "type", "type must be one of track, identify, page, screen, group, alias"));
    Map<String, Target> explicit = new HashMap<>();
    if (mapping != null && !mapping.isBlank()) {
      for (String entry : mapping.split(",")) {
        String[] parts = entry.strip().split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
          throw invalid(
              "mapping", "each entry is column:target[:string], got '" + entry.strip() + "'");
        }
        boolean forceString = parts.length == 3;
        if (forceString && !parts[2].equals("string")) {
          throw invalid("mapping", "the only type hint is ':string', got ':" + parts[2] + "'");
        }
        explicit.put(
            parts[0].strip(),
            parts[1].strip().equals("-") ? null : target(parts[1].strip(), forceString));
      }
    }
    return new ColumnMapping(type, defaultEvent, explicit);
  }

  /** Binds the header row; every later row is read against it. */
  void header(List<String> names) {
    columns = new ArrayList<>(names.size());
    for (String raw : names) {
      String name = raw.strip();
      if (explicit.containsKey(name)) {
        columns.add(explicit.get(name));
      } else if (name.isEmpty()) {
        columns.add(null);
      } else if (TOP_LEVEL.contains(name)) {
        columns.add(new Target(List.of(name), true));
      } else {
        String object =
            type == EventType.IDENTIFY || type == EventType.GROUP ? "traits" : "properties";
        columns.add(new Target(List.of(object, name), false));
      }
    }
  }

  boolean hasHeader() {
    return columns != null;
  }

  /** One row as a Segment event object, or a message saying why the row cannot be one. */
  ObjectNode row(List<String> values) {
    if (values.size() != columns.size()) {
      throw new IllegalArgumentException(
          "the row has " + values.size() + " fields, the header has " + columns.size());
    }
    ObjectNode event = NODES.objectNode();
    event.put("type", type.wireName());
    if (defaultEvent != null && type == EventType.TRACK) {
      event.put("event", defaultEvent);
    }
    for (int i = 0; i < values.size(); i++) {
      Target target = columns.get(i);
      String value = values.get(i);
      if (target == null || value.isEmpty()) {
        continue;
      }
      put(event, target, value);
    }
    return event;
  }

  private static void put(ObjectNode event, Target target, String value) {
    ObjectNode parent = event;
    List<String> path = target.path();
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode child = parent.get(path.get(i));
      if (child == null || !child.isObject()) {
        child = parent.putObject(path.get(i));
      }
      parent = (ObjectNode) child;
    }
    parent.set(
        path.get(path.size() - 1), target.forceString() ? NODES.stringNode(value) : typed(value));
  }

  private static JsonNode typed(String value) {
    if (value.equals("true") || value.equals("false")) {
      return NODES.booleanNode(Boolean.parseBoolean(value));
    }
    if (NUMBER.matcher(value).matches()) {
      BigDecimal number = new BigDecimal(value);
      if (number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
        return NODES.numberNode(number.longValueExact());
      }
      return NODES.numberNode(number);
    }
    return NODES.stringNode(value);
  }

  private static Target target(String path, boolean forceString) {
    String[] segments = path.split("\\.");
    for (String s : segments) {
      if (!SEGMENT.matcher(s).matches()) {
        throw invalid("mapping", "'" + path + "' is not a dotted field path");
      }
    }
    if (segments.length == 1 && !TOP_LEVEL.contains(path)) {
      throw invalid(
          "mapping",
          "'" + path + "' is not an event field; use properties." + path + " or traits." + path);
    }
    if (segments.length > 1 && (!OBJECTS.contains(segments[0]) || segments.length > 5)) {
      throw invalid(
          "mapping",
          "'"
              + path
              + "' must start with properties, traits, context or integrations (at most 5 levels)");
    }
    return new Target(List.of(segments), forceString || segments.length == 1);
  }

  private static ProblemException invalid(String field, String detail) {
    return new ProblemException(IngestErrorCode.INVALID_MAPPING, detail).field(field);
  }
}
