package org.opencdp.event;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link SegmentEvent} back to JSON, extra top-level fields last. {@link #encode} streams
 * straight to bytes (the ingest hot path); {@link #write} builds a tree for callers that want one.
 */
final class EnvelopeWriter {

  private EnvelopeWriter() {}

  static ObjectNode write(SegmentEvent event, JsonMapper mapper) {
    return (ObjectNode) mapper.readTree(encode(event, mapper));
  }

  static byte[] encode(SegmentEvent event, JsonMapper mapper) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator out = mapper.createGenerator(bytes)) {
      Envelope e = event.envelope();
      out.writeStartObject();
      out.writeStringProperty("type", event.type().wireName());
      string(out, "messageId", e.messageId());
      string(out, "userId", e.userId());
      string(out, "anonymousId", e.anonymousId());
      typed(out, event);
      object(out, "context", e.context());
      object(out, "integrations", e.integrations());
      instant(out, "timestamp", e.timestamp());
      instant(out, "originalTimestamp", e.originalTimestamp());
      instant(out, "sentAt", e.sentAt());
      instant(out, "receivedAt", e.receivedAt());
      string(out, "tenantId", e.tenantId());
      string(out, "sourceId", e.sourceId());
      for (Map.Entry<String, JsonNode> extra : e.extra().properties()) {
        out.writeName(extra.getKey());
        out.writeTree(extra.getValue());
      }
      out.writeEndObject();
    }
    return bytes.toByteArray();
  }

  private static void typed(JsonGenerator out, SegmentEvent event) {
    if (event instanceof SegmentEvent.Track t) {
      out.writeStringProperty("event", t.event());
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
      out.writeStringProperty("groupId", g.groupId());
      always(out, "traits", g.traits());
    } else if (event instanceof SegmentEvent.Alias a) {
      out.writeStringProperty("previousId", a.previousId());
    }
  }

  private static void string(JsonGenerator out, String field, String value) {
    if (value != null) {
      out.writeStringProperty(field, value);
    }
  }

  private static void instant(JsonGenerator out, String field, Instant value) {
    if (value != null) {
      out.writeStringProperty(field, IsoInstants.format(value));
    }
  }

  private static void always(JsonGenerator out, String field, ObjectNode value) {
    out.writeName(field);
    out.writeTree(value != null ? value : JsonNodeFactory.instance.objectNode());
  }

  private static void object(JsonGenerator out, String field, ObjectNode value) {
    if (!value.isEmpty()) {
      out.writeName(field);
      out.writeTree(value);
    }
  }
}
