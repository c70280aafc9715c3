package org.opencdp.event.lake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.opencdp.event.Envelope;
import org.opencdp.event.SegmentEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row of the lake's {@code events} table: the envelope, the JSON columns, and the typed columns
 * promoted from the Segment e-commerce spec and from context. The JSON columns are held as the file
 * holds them, UTF-8 JSON text: a row waiting in a writer's buffer keeps a few arrays rather than
 * the event's trees. The arrays are shared (rows of events without properties hold the same {@code
 * {}}) and must not be changed; rows compare by identity.
 */
public record EventRow(
    String tenantId,
    LocalDate eventDate,
    String messageId,
    String type,
    String event,
    String userId,
    String anonymousId,
    Instant ts,
    Instant receivedAt,
    String sourceId,
    byte[] properties,
    byte[] traits,
    byte[] context,
    String orderId,
    Double revenue,
    String currency,
    String productId,
    String sku,
    String category,
    Double price,
    Long quantity,
    String channel,
    String country,
    String region,
    String city,
    String locale) {

  private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] EMPTY_JSON = JSON.writeValueAsBytes(EMPTY);

  /** Maps an accepted, enriched event to its lake row; {@code ts} falls back to receivedAt. */
  public static EventRow of(SegmentEvent event) {
    Envelope e = event.envelope();
    Instant ts = e.timestamp() != null ? e.timestamp() : e.receivedAt();
    ObjectNode properties = EMPTY;
    ObjectNode traits = EMPTY;
    String name = null;
    if (event instanceof SegmentEvent.Track t) {
      properties = t.properties();
      name = t.event();
    } else if (event instanceof SegmentEvent.Page p) {
      properties = p.properties();
      name = p.name();
    } else if (event instanceof SegmentEvent.Screen s) {
      properties = s.properties();
      name = s.name();
    } else if (event instanceof SegmentEvent.Identify i) {
      traits = i.traits();
    } else if (event instanceof SegmentEvent.Group g) {
      traits = g.traits();
    }
    JsonNode ctx = e.context();
    JsonNode location = ctx.path("location");
    return new EventRow(
        e.tenantId(),
        ts == null ? null : LocalDate.ofInstant(ts, ZoneOffset.UTC),
        e.messageId(),
        event.type().wireName(),
        name,
        e.userId(),
        e.anonymousId(),
        ts,
        e.receivedAt(),
        e.sourceId(),
        json(properties),
        json(traits),
        json(ctx),
        text(properties.path("order_id"), properties.path("orderId")),
        number(properties.path("revenue")),
        text(properties.path("currency"), null),
        text(properties.path("product_id"), properties.path("productId")),
        text(properties.path("sku"), null),
        text(properties.path("category"), null),
        number(properties.path("price")),
        integer(properties.path("quantity")),
        text(ctx.path("channel"), null),
        text(location.path("country"), null),
        text(location.path("region"), null),
        text(location.path("city"), null),
        text(ctx.path("locale"), null));
  }

  /** The UTF-8 JSON of {@code node}; every row's empty object is the same text, written once. */
  private static byte[] json(JsonNode node) {
    return node == EMPTY ? EMPTY_JSON : JSON.writeValueAsBytes(node);
  }

  private static String text(JsonNode value, JsonNode alternative) {
    if (value.isString() || value.isNumber()) {
      return value.asString();
    }
    return alternative == null ? null : text(alternative, null);
  }

  private static Double number(JsonNode value) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isString()) {
      try {
        double d = Double.parseDouble(value.stringValue());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Long integer(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    Double d = number(value);
    return d != null && d == Math.rint(d) && Math.abs(d) < 9.0e15 ? d.longValue() : null;
  }
}
