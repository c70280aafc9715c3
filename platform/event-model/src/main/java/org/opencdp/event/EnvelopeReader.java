package org.opencdp.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns one JSON object into a {@link SegmentEvent}, collecting every envelope violation. */
final class EnvelopeReader {

  static final Set<String> COMMON_FIELDS =
      Set.of(
          "type",
          "messageId",
          "userId",
          "anonymousId",
          "timestamp",
          "originalTimestamp",
          "sentAt",
          "receivedAt",
          "tenantId",
          "sourceId",
          "context",
          "integrations",
          // A credential some Segment libraries put in the body: never stored with the event.
          "writeKey");

  private static final Map<EventType, Set<String>> TYPE_FIELDS =
      Map.of(
          EventType.TRACK, Set.of("event", "properties"),
          EventType.IDENTIFY, Set.of("traits"),
          EventType.PAGE, Set.of("name", "category", "properties"),
          EventType.SCREEN, Set.of("name", "category", "properties"),
          EventType.GROUP, Set.of("groupId", "traits"),
          EventType.ALIAS, Set.of("previousId"));

  /** Timestamps before this or after {@link #LATEST} are refused as nonsense. */
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
  private static final int MAX_EVENT_NAME = 256;

  private final JsonLimits limits;
  private final ObjectNode node;
  private final List<Reason> reasons = new ArrayList<>();

  private EnvelopeReader(JsonLimits limits, ObjectNode node) {
    this.limits = limits;
    this.node = node;
  }

  static SegmentEvent read(JsonLimits limits, ObjectNode node, EventType implied) {
    return new EnvelopeReader(limits, node).read(implied);
  }

  static Instant parseTimestamp(String text) {
    Instant canonical = IsoInstants.parseCanonical(text);
    if (canonical != null) {
      return canonical;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      return Instant.parse(text);
    }
  }

  private SegmentEvent read(EventType implied) {
    EventType type = type(implied);
    Envelope envelope = envelope(type);
    SegmentEvent event = type == null ? null : typed(type, envelope);
    if (!reasons.isEmpty()) {
      throw new InvalidEvent(reasons);
    }
    return event;
  }

  private EventType type(EventType implied) {
    JsonNode value = node.get("type");
    if (value == null || value.isNull()) {
      if (implied == null) {
        reasons.add(Reason.of(ReasonCode.TYPE_UNKNOWN, "type", "type is required"));
      }
      return implied;
    }
    if (!value.isString()) {
      reasons.add(Reason.of(ReasonCode.TYPE_UNKNOWN, "type", "type must be a string"));
      return null;
    }
    EventType parsed = EventType.fromWire(value.stringValue()).orElse(null);
    if (parsed == null) {
      reasons.add(
          Reason.of(
              ReasonCode.TYPE_UNKNOWN,
              "type",
              "type must be one of track, identify, page, screen, group, alias"));
    } else if (implied != null && parsed != implied) {
      reasons.add(
          Reason.of(
              ReasonCode.TYPE_MISMATCH,
              "type",
              "type '" + parsed.wireName() + "' sent to the " + implied.wireName() + " endpoint"));
    }
    return parsed;
  }

  private Envelope envelope(EventType type) {
    String messageId = id("messageId");
    String userId = id("userId");
    String anonymousId = id("anonymousId");
    boolean alias = type == EventType.ALIAS;
    if (!alias && userId == null && anonymousId == null && !hasIdField()) {
      reasons.add(
          Reason.of(
              ReasonCode.IDENTITY_MISSING, "userId", "either userId or anonymousId is required"));
    }
    ObjectNode extra = node.objectNode();
    Set<String> typeFields = type == null ? Set.of() : TYPE_FIELDS.get(type);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!COMMON_FIELDS.contains(e.getKey()) && !typeFields.contains(e.getKey())) {
        extra.set(e.getKey(), e.getValue());
      }
    }
    return new Envelope(
        messageId,
        userId,
        anonymousId,
        timestamp("timestamp"),
        timestamp("originalTimestamp"),
        timestamp("sentAt"),
        timestamp("receivedAt"),
        string("tenantId", limits.maxIdLength()),
        string("sourceId", limits.maxIdLength()),
        object("context"),
        object("integrations"),
        extra);
  }

  /** An identity field that is present but malformed has already been reported. */
  private boolean hasIdField() {
    return reasons.stream()
        .anyMatch(r -> "userId".equals(r.field()) || "anonymousId".equals(r.field()));
  }

  private SegmentEvent typed(EventType type, Envelope envelope) {
    return switch (type) {
      case TRACK -> {
        String event = string("event", MAX_EVENT_NAME);
        if (event == null || event.isBlank()) {
          required("event", "track needs an event name");
        }
        yield new SegmentEvent.Track(envelope, event == null ? "" : event, object("properties"));
      }
      case IDENTIFY -> new SegmentEvent.Identify(envelope, object("traits"));
      case PAGE ->
          new SegmentEvent.Page(
              envelope,
              string("name", MAX_EVENT_NAME),
              string("category", MAX_EVENT_NAME),
              object("properties"));
      case SCREEN ->
          new SegmentEvent.Screen(
              envelope,
              string("name", MAX_EVENT_NAME),
              string("category", MAX_EVENT_NAME),
              object("properties"));
      case GROUP -> {
        String groupId = id("groupId");
        if (groupId == null) {
          required("groupId", "group needs a groupId");
        }
        yield new SegmentEvent.Group(envelope, groupId == null ? "" : groupId, object("traits"));
      }
      case ALIAS -> {
        String previousId = id("previousId");
        if (previousId == null) {
          required("previousId", "alias needs the previousId it merges");
        }
        if (envelope.userId() == null) {
          required("userId", "alias needs the userId the previousId becomes");
        }
        yield new SegmentEvent.Alias(envelope, previousId == null ? "" : previousId);
      }
    };
  }

  private void required(String field, String message) {
    if (reasons.stream().noneMatch(r -> field.equals(r.field()))) {
      reasons.add(Reason.of(ReasonCode.REQUIRED_MISSING, field, message));
    }
  }

  /** Identifiers may be sent as strings or integers (analytics.js coerces numbers). */
  private String id(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asString();
    }
    String s = string(field, limits.maxIdLength());
    if (s != null && s.isBlank()) {
      return null;
    }
    return s;
  }

  private String string(String field, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      reasons.add(
          Reason.of(
              ReasonCode.DATATYPE_MISMATCH,
              field,
              field + " must be a string, not " + describe(value)));
      return null;
    }
    String s = value.stringValue();
    if (s.length() > maxLength) {
      reasons.add(
          Reason.of(
              ReasonCode.VALUE_TOO_LONG,
              field,
              field + " is " + s.length() + " characters, the limit is " + maxLength));
      return null;
    }
    return s;
  }

  private ObjectNode object(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      reasons.add(
          Reason.of(
              ReasonCode.DATATYPE_MISMATCH,
              field,
              field + " must be an object, not " + describe(value)));
      return null;
    }
    return (ObjectNode) value;
  }

  private Instant timestamp(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      reasons.add(
          Reason.of(
              ReasonCode.TIMESTAMP_INVALID,
              field,
              field + " must be an ISO-8601 string, not " + describe(value)));
      return null;
    }
    try {
      Instant instant = parseTimestamp(value.stringValue());
      if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
        reasons.add(
            Reason.of(
                ReasonCode.TIMESTAMP_INVALID,
                field,
                field + " must lie between 1970 and 2200, was " + excerpt(value.stringValue())));
        return null;
      }
      return instant;
    } catch (DateTimeException e) {
      reasons.add(
          Reason.of(
              ReasonCode.TIMESTAMP_INVALID,
              field,
              field
                  + " must be ISO-8601 with a zone offset (2026-12-03T10:15:30.123Z), was "
                  + excerpt(value.stringValue())));
      return null;
    }
  }

  private static String describe(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return "a string";
  }

  private static String excerpt(String s) {
    return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
  }
}
