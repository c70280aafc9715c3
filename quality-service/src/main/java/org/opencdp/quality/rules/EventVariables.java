package org.opencdp.quality.rules;

import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import dev.cel.runtime.CelVariableResolver;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencdp.event.Envelope;
import org.opencdp.event.SegmentEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The variables of rule expressions for one event, built when an expression first names them and
 * kept for the event's other rules. {@code event} is the event as the platform codec writes it
 * ({@code EventCodec.toJson}: the same keys in the same order, instants as {@link
 * Instant#toString()}, {@code context} and {@code integrations} left out when empty, extra
 * top-level fields last), read straight from the decoded event instead of encoding and parsing it
 * again; objects in it are converted only as far as an expression reads them. Not thread-safe: one
 * per event and thread.
 */
final class EventVariables implements CelVariableResolver {

  private final SegmentEvent event;
  private final Instant now;
  private Map<String, Object> json;
  private Timestamp timestamp;

  EventVariables(SegmentEvent event, Instant now) {
    this.event = event;
    this.now = now;
  }

  @Override
  public Optional<Object> find(String name) {
    return switch (name) {
      case "event" -> Optional.of(event());
      case "properties", "traits", "context" -> Optional.of(object(name));
      case "now" -> Optional.of(now());
      default -> Optional.empty();
    };
  }

  /** All of them as a plain map, as {@link Expressions.Expression#test(Map)} takes them. */
  Map<String, Object> asMap() {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (String name : new String[] {"event", "properties", "traits", "context", "now"}) {
      variables.put(name, find(name).orElseThrow());
    }
    return variables;
  }

  private Object object(String name) {
    Object value = event().get(name);
    return value instanceof Map<?, ?> ? value : new LinkedHashMap<String, Object>();
  }

  private Timestamp now() {
    if (timestamp == null) {
      timestamp =
          Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }
    return timestamp;
  }

  Map<String, Object> event() {
    if (json == null) {
      json = json(event);
    }
    return json;
  }

  /** What {@code JsonValues.map(codec.toJson(event))} gives, without the round trip. */
  private static Map<String, Object> json(SegmentEvent event) {
    Envelope e = event.envelope();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", event.type().wireName());
    string(out, "messageId", e.messageId());
    string(out, "userId", e.userId());
    string(out, "anonymousId", e.anonymousId());
    if (event instanceof SegmentEvent.Track t) {
      out.put("event", orNull(t.event()));
      always(out, "properties", t.properties());
    } else if (event instanceof SegmentEvent.Identify i) {
      always(out, "traits", i.traits());
    } else if (event instanceof SegmentEvent.Page p) {
      string(out, "name", p.name());
      string(out, "category", p.category());
      always(out, "properties", p.properties());
    } else if (event instanceof SegmentEvent.Screen s) {
      string(out, "name", s.name());
      string(out, "category", s.category());
      always(out, "properties", s.properties());
    } else if (event instanceof SegmentEvent.Group g) {
      out.put("groupId", orNull(g.groupId()));
      always(out, "traits", g.traits());
    } else if (event instanceof SegmentEvent.Alias a) {
      out.put("previousId", orNull(a.previousId()));
    }
    nonEmpty(out, "context", e.context());
    nonEmpty(out, "integrations", e.integrations());
    instant(out, "timestamp", e.timestamp());
    instant(out, "originalTimestamp", e.originalTimestamp());
    instant(out, "sentAt", e.sentAt());
    instant(out, "receivedAt", e.receivedAt());
    string(out, "tenantId", e.tenantId());
    string(out, "sourceId", e.sourceId());
    for (Map.Entry<String, JsonNode> extra : e.extra().properties()) {
      out.put(extra.getKey(), JsonObjectMap.of(extra.getValue()));
    }
    return out;
  }

  private static Object orNull(String value) {
    return value == null ? NullValue.NULL_VALUE : value;
  }

  private static void string(Map<String, Object> out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }

  private static void instant(Map<String, Object> out, String field, Instant value) {
    if (value != null) {
      out.put(field, value.toString());
    }
  }

  private static void always(Map<String, Object> out, String field, ObjectNode value) {
    out.put(
        field, new JsonObjectMap(value != null ? value : JsonNodeFactory.instance.objectNode()));
  }

  private static void nonEmpty(Map<String, Object> out, String field, ObjectNode value) {
    if (value != null && !value.isEmpty()) {
      out.put(field, new JsonObjectMap(value));
    }
  }
}
