package org.opencdp.quality.lake;

import org.opencdp.event.lake.EventRow;

/** The value of each file column of the {@code events} table in an {@link EventRow}. */
final class EventColumns {

  private EventColumns() {}

  static Object value(EventRow row, String column) {
    return switch (column) {
      case "message_id" -> row.messageId();
      case "type" -> row.type();
      case "event" -> row.event();
      case "user_id" -> row.userId();
      case "anonymous_id" -> row.anonymousId();
      case "ts" -> row.ts();
      case "received_at" -> row.receivedAt();
      case "source_id" -> row.sourceId();
      case "properties" -> row.properties();
      case "traits" -> row.traits();
      case "context" -> row.context();
      case "order_id" -> row.orderId();
      case "revenue" -> row.revenue();
      case "currency" -> row.currency();
      case "product_id" -> row.productId();
      case "sku" -> row.sku();
      case "category" -> row.category();
      case "price" -> row.price();
      case "quantity" -> row.quantity();
      case "channel" -> row.channel();
      case "country" -> row.country();
      case "region" -> row.region();
      case "city" -> row.city();
      case "locale" -> row.locale();
      default -> throw new IllegalArgumentException("events has no file column " + column);
    };
  }
}
