package org.opencdp.event;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes a {@link SegmentEvent} back to its JSON object, extra top-level fields last. */
final class EnvelopeWriter {

  private EnvelopeWriter() {}

  static ObjectNode write(SegmentEvent event) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Envelope e = event.envelope();
    out.put("type", event.type().wireName());
    putIfPresent(out, "messageId", e.messageId());
    putIfPresent(out, "userId", e.userId());
    putIfPresent(out, "anonymousId", e.anonymousId());
    if (event instanceof SegmentEvent.Track t) {
      out.put("event", t.event());
      out.set("properties", t.properties());
    } else if (event instanceof SegmentEvent.Identify i) {
      out.set("traits", i.traits());
    } else if (event instanceof SegmentEvent.Page p) {
      named(out, p.name(), p.category(), p.properties());
    } else if (event instanceof SegmentEvent.Screen s) {
      named(out, s.name(), s.category(), s.properties());
    } else if (event instanceof SegmentEvent.Group g) {
      out.put("groupId", g.groupId());
      out.set("traits", g.traits());
    } else if (event instanceof SegmentEvent.Alias a) {
      out.put("previousId", a.previousId());
    }
    if (!e.context().isEmpty()) {
      out.set("context", e.context());
    }
    if (!e.integrations().isEmpty()) {
      out.set("integrations", e.integrations());
    }
    putIfPresent(out, "timestamp", e.timestamp());
    putIfPresent(out, "originalTimestamp", e.originalTimestamp());
    putIfPresent(out, "sentAt", e.sentAt());
    putIfPresent(out, "receivedAt", e.receivedAt());
    putIfPresent(out, "tenantId", e.tenantId());
    putIfPresent(out, "sourceId", e.sourceId());
    for (Map.Entry<String, JsonNode> extra : e.extra().properties()) {
      out.set(extra.getKey(), extra.getValue());
    }
    return out;
  }

  private static void named(ObjectNode out, String name, String category, ObjectNode properties) {
    putIfPresent(out, "name", name);
    putIfPresent(out, "category", category);
    out.set("properties", properties);
  }

  private static void putIfPresent(ObjectNode out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }

  private static void putIfPresent(ObjectNode out, String field, Instant value) {
    if (value != null) {
      out.put(field, value.toString());
    }
  }
}
