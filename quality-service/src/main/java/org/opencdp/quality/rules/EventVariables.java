package org.opencdp.quality.rules;

import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import dev.cel.runtime.CelVariableResolver;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencdp.event.Envelope;
import org.opencdp.event.IsoInstants;
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
  private Map<String, Object> view;
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

  /**
   * {@code properties}, {@code traits} or {@code context}: read from the event itself where its
   * type has the field (no need to build {@code event} for them), else as {@code event} holds it.
   */
  private Object object(String name) {
    ObjectNode direct =
        switch (name) {
          case "properties" -> properties(event);
          case "traits" -> traits(event);
          default -> null;
        };
    if (direct != null) {
      return new JsonObjectMap(direct);
    }
    if (name.equals("context")) {
      ObjectNode context = event.envelope().context();
      return context != null && !context.isEmpty()
          ? new JsonObjectMap(context)
          : new LinkedHashMap<String, Object>();
    }
    Object value = event().get(name);
    return value instanceof Map<?, ?> ? value : new LinkedHashMap<String, Object>();
  }

  /** The properties of an event type that has them (empty when absent), else null. */
  private static ObjectNode properties(SegmentEvent event) {
    ObjectNode value;
    if (event instanceof SegmentEvent.Track t) {
      value = t.properties();
    } else if (event instanceof SegmentEvent.Page p) {
      value = p.properties();
    } else if (event instanceof SegmentEvent.Screen s) {
      value = s.properties();
    } else {
      return null;
    }
    return value != null ? value : JsonNodeFactory.instance.objectNode();
  }

  /** The traits of an event type that has them (empty when absent), else null. */
  private static ObjectNode traits(SegmentEvent event) {
    if (event instanceof SegmentEvent.Identify i) {
      return i.traits() != null ? i.traits() : JsonNodeFactory.instance.objectNode();
    }
    if (event instanceof SegmentEvent.Group g) {
      return g.traits() != null ? g.traits() : JsonNodeFactory.instance.objectNode();
    }
    return null;
  }

  private Timestamp now() {
    if (timestamp == null) {
      timestamp =
          Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }
    return timestamp;
  }

  /**
   * The {@code event} variable: its instants are answered without building the rest (a freshness
   * rule reads {@code event.timestamp} of every event); anything else builds it all, once.
   */
  Map<String, Object> event() {
    if (view == null) {
      view = new EventMap();
    }
    return view;
  }

  private Map<String, Object> all() {
    if (json == null) {
      json = json(event);
    }
    return json;
  }

  /** {@code event} as a map; equal to, and iterating like, what {@link #json} builds. */
  private final class EventMap extends AbstractMap<String, Object> {

    @Override
    public Object get(Object key) {
      if (json == null && key instanceof String name && isInstant(name)) {
        Instant instant = instant(name);
        return instant == null ? null : IsoInstants.format(instant);
      }
      return all().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      if (json == null && key instanceof String name && isInstant(name)) {
        return instant(name) != null;
      }
      return all().containsKey(key);
    }

    @Override
    public int size() {
      return all().size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return all().entrySet();
    }

    private Instant instant(String name) {
      Envelope e = event.envelope();
      return switch (name) {
        case "timestamp" -> e.timestamp();
        case "originalTimestamp" -> e.originalTimestamp();
        case "sentAt" -> e.sentAt();
        case "receivedAt" -> e.receivedAt();
        default -> null;
      };
    }

    private static boolean isInstant(String name) {
      return switch (name) {
        case "timestamp", "originalTimestamp", "sentAt", "receivedAt" -> true;
        default -> false;
      };
    }
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
      out.put(field, IsoInstants.format(value));
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
