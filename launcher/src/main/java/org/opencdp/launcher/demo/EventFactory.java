package org.opencdp.launcher.demo;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builds demo events in the shape of the Segment spec (e-commerce events for the shop). */
final class EventFactory {

  static final String CURRENCY = "CNY";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final long seed;
  private long sequence;

  EventFactory(long seed) {
    this.seed = seed;
  }

  /** Who sent an event: a user id once known, the device's anonymous id when there is one. */
  record Identity(String userId, String anonymousId) {}

  ObjectNode identify(Customer c, Identity who, Instant at, String channel) {
    ObjectNode event = base("identify", who, at, channel, c);
    ObjectNode traits = event.putObject("traits");
    traits.put("age", c.age);
    traits.put("gender", c.gender);
    traits.put("city", c.city);
    traits.put("region", c.region.name());
    traits.put("membership_tier", c.tier);
    traits.put("signup_channel", c.signupChannel);
    return event;
  }

  ObjectNode page(
      Customer c, Identity who, Instant at, String channel, String name, String category) {
    ObjectNode event = base("page", who, at, channel, c);
    event.put("name", name);
    ObjectNode properties = event.putObject("properties");
    properties.put(
        "path", category == null ? "/" : "/c/" + category.toLowerCase(java.util.Locale.ROOT));
    if (category != null) {
      properties.put("category", category);
    }
    return event;
  }

  ObjectNode productViewed(
      Customer c, Identity who, Instant at, String channel, Catalog.Product p) {
    ObjectNode event = track("Product Viewed", who, at, channel, c);
    product((ObjectNode) event.get("properties"), p, 1);
    return event;
  }

  ObjectNode productAdded(
      Customer c,
      Identity who,
      Instant at,
      String channel,
      Catalog.Product p,
      String cartId,
      int quantity) {
    ObjectNode event = track("Product Added", who, at, channel, c);
    ObjectNode properties = (ObjectNode) event.get("properties");
    properties.put("cart_id", cartId);
    product(properties, p, quantity);
    return event;
  }

  /** One line of an order: the product, how many, at what unit price. */
  record Line(Catalog.Product product, int quantity, double price) {}

  ObjectNode orderCompleted(
      Customer c,
      Identity who,
      Instant at,
      String channel,
      String orderId,
      List<Line> lines,
      double revenue) {
    ObjectNode event = track("Order Completed", who, at, channel, c);
    ObjectNode properties = (ObjectNode) event.get("properties");
    properties.put("order_id", orderId);
    properties.put("total", revenue);
    properties.put("revenue", revenue);
    properties.put("currency", CURRENCY);
    ArrayNode products = properties.putArray("products");
    for (Line line : lines) {
      ObjectNode item = products.addObject();
      item.put("product_id", line.product().id());
      item.put("sku", line.product().sku());
      item.put("name", line.product().name());
      item.put("category", line.product().category());
      item.put("price", line.price());
      item.put("quantity", line.quantity());
    }
    return event;
  }

  ObjectNode supportTicketClosed(
      Customer c,
      Instant at,
      String ticketId,
      String topic,
      double firstResponse,
      int resolution,
      int csat) {
    ObjectNode event = track("Support Ticket Closed", new Identity(c.userId, null), at, "web", c);
    ObjectNode properties = (ObjectNode) event.get("properties");
    properties.put("ticket_id", ticketId);
    properties.put("topic", topic);
    properties.put("first_response_minutes", firstResponse);
    properties.put("resolution_minutes", resolution);
    properties.put("satisfaction", csat);
    return event;
  }

  ObjectNode subscriptionCancelled(Customer c, Instant at, String reason) {
    ObjectNode event = track("Subscription Cancelled", new Identity(c.userId, null), at, "app", c);
    ObjectNode properties = (ObjectNode) event.get("properties");
    properties.put("plan", c.tier);
    properties.put("reason", reason);
    return event;
  }

  /** A fresh message id, the same for the same seed and position in the stream. */
  String nextMessageId(String kind) {
    return "demo-%d-%s-%08d".formatted(seed, kind, ++sequence);
  }

  private ObjectNode track(String name, Identity who, Instant at, String channel, Customer c) {
    ObjectNode event = base("track", who, at, channel, c);
    event.put("event", name);
    event.putObject("properties");
    return event;
  }

  private ObjectNode base(String type, Identity who, Instant at, String channel, Customer c) {
    ObjectNode event = JSON.objectNode();
    event.put("messageId", nextMessageId("e"));
    event.put("type", type);
    if (who.userId() != null) {
      event.put("userId", who.userId());
    }
    if (who.anonymousId() != null) {
      event.put("anonymousId", who.anonymousId());
    }
    event.put("timestamp", at.toString());
    ObjectNode context = event.putObject("context");
    context.put("channel", channel);
    ObjectNode location = context.putObject("location");
    location.put("country", "CN");
    location.put("region", c.region.name());
    location.put("city", c.city);
    context.put("locale", "zh-CN");
    context.putObject("library").put("name", "opencdp-demo").put("version", "1");
    return event;
  }

  private static void product(ObjectNode properties, Catalog.Product p, int quantity) {
    properties.put("product_id", p.id());
    properties.put("sku", p.sku());
    properties.put("name", p.name());
    properties.put("category", p.category());
    properties.put("price", p.price());
    properties.put("quantity", quantity);
    properties.put("currency", CURRENCY);
  }
}
