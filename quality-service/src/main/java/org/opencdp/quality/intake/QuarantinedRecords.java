package org.opencdp.quality.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencdp.event.EventCodec;
import org.opencdp.event.QuarantinedEvent;
import org.opencdp.event.Reason;
import org.opencdp.event.ReasonCode;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.QuarantineRow;
import org.opencdp.servicekit.tenant.CallerIdentity;
import tools.jackson.databind.JsonNode;

/** Turns a record of {@code cdp.quarantine.events} (a {@link QuarantinedEvent}) into a lake row. */
final class QuarantinedRecords {

  /** Records this service refused itself are already in the lake, written by the raw intake. */
  static final String OWN_STAGE = "quality";

  private QuarantinedRecords() {}

  /**
   * The row for {@code record}, or null for one of this service's own refusals. A record that is
   * not a readable QuarantinedEvent is kept all the same, byte for byte, as malformed.
   */
  static QuarantineRow row(EventCodec codec, ConsumerRecord<String, byte[]> record) {
    JsonNode node;
    try {
      node = record.value() == null ? null : codec.mapper().readTree(record.value());
    } catch (RuntimeException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      return malformed(record);
    }
    // Before the payload's shape: this service's own refusal of an unreadable event carries that
    // event's text as a string payload, and it is already in the quarantine table.
    if (OWN_STAGE.equals(text(node, "stage"))) {
      return null;
    }
    JsonNode payload = node.path("payload");
    if (!payload.isObject() && !payload.isString()) {
      return malformed(record);
    }
    Instant receivedAt = receivedAt(node, record);
    String tenant = text(node, "tenantId");
    List<String> codes = new ArrayList<>();
    node.path("reasons").forEach(r -> codes.add(r.path("code").asString()));
    return new QuarantineRow(
        CallerIdentity.isValidTenantId(tenant) ? tenant : Lake.UNKNOWN_TENANT,
        LocalDate.ofInstant(receivedAt, ZoneOffset.UTC),
        id(record),
        text(node, "messageId"),
        text(node, "sourceId"),
        text(node, "stage"),
        text(payload, "event"),
        String.join(",", codes),
        node.path("reasons").toString(),
        payload.isString()
            ? payload.stringValue().getBytes(StandardCharsets.UTF_8)
            : codec.write(payload),
        receivedAt,
        record.topic(),
        (long) record.partition(),
        record.offset(),
        "{}");
  }

  private static QuarantineRow malformed(ConsumerRecord<String, byte[]> record) {
    Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
    Reason reason =
        Reason.of(ReasonCode.MALFORMED_JSON, null, "not a quarantined event of the platform");
    return new QuarantineRow(
        Lake.UNKNOWN_TENANT,
        LocalDate.ofInstant(receivedAt, ZoneOffset.UTC),
        id(record),
        null,
        null,
        "unknown",
        null,
        reason.code(),
        "[{\"code\":\""
            + reason.code()
            + "\",\"field\":null,\"message\":\""
            + reason.message()
            + "\"}]",
        record.value() == null ? new byte[0] : record.value(),
        receivedAt,
        record.topic(),
        (long) record.partition(),
        record.offset(),
        "{}");
  }

  private static Instant receivedAt(JsonNode node, ConsumerRecord<String, byte[]> record) {
    try {
      return Instant.parse(node.path("receivedAt").asString());
    } catch (RuntimeException e) {
      return Instant.ofEpochMilli(record.timestamp());
    }
  }

  static String id(ConsumerRecord<String, byte[]> record) {
    String position = record.topic() + "/" + record.partition() + "/" + record.offset();
    return UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.stringValue() : null;
  }
}
