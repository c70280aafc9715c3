package org.opencdp.ingest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.opencdp.event.Envelope;
import org.opencdp.event.SegmentEvent;
import org.opencdp.servicekit.tenant.CallerIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the platform adds to an event on arrival, as Segment does: a messageId when the client sent
 * none, receivedAt, the tenant and source of the key that sent it (never what the body claims), and
 * a timestamp corrected for the client's clock skew: {@code receivedAt - (sentAt -
 * originalTimestamp)}.
 */
public final class Enrichment {

  private Enrichment() {}

  public static SegmentEvent enrich(SegmentEvent event, CallerIdentity caller, Instant receivedAt) {
    return event.mapEnvelope(e -> enrich(e, caller, receivedAt));
  }

  static Envelope enrich(Envelope e, CallerIdentity caller, Instant receivedAt) {
    Instant original = e.originalTimestamp() != null ? e.originalTimestamp() : e.timestamp();
    Instant timestamp;
    if (original == null) {
      timestamp = receivedAt;
    } else if (e.sentAt() != null) {
      timestamp = receivedAt.minus(Duration.between(original, e.sentAt()));
    } else {
      timestamp = original;
    }
    String messageId = e.messageId() != null ? e.messageId() : UUID.randomUUID().toString();
    String source = caller.sourceId() != null ? caller.sourceId() : caller.keyId();
    return e.withMessageId(messageId)
        .withTimes(timestamp, original, e.sentAt(), receivedAt)
        .withSource(caller.tenantId(), source);
  }

  /**
   * Applies a batch's shared context, integrations and sentAt to one of its events: the event's own
   * values win, the batch fills what it lacks.
   */
  public static void inheritBatchFields(
      ObjectNode event, ObjectNode context, ObjectNode integrations, String sentAt) {
    inherit(event, "context", context);
    inherit(event, "integrations", integrations);
    if (sentAt != null && (event.get("sentAt") == null || event.get("sentAt").isNull())) {
      event.put("sentAt", sentAt);
    }
  }

  private static void inherit(ObjectNode event, String field, ObjectNode shared) {
    if (shared == null || shared.isEmpty()) {
      return;
    }
    JsonNode own = event.get(field);
    if (own == null || own.isNull()) {
      event.set(field, shared.deepCopy());
    } else if (own.isObject()) {
      ObjectNode merged = (ObjectNode) own;
      for (Map.Entry<String, JsonNode> e : shared.properties()) {
        if (!merged.has(e.getKey())) {
          merged.set(e.getKey(), e.getValue().deepCopy());
        }
      }
    }
  }
}
