package org.opencdp.quality.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.opencdp.event.EventCodec;
import org.opencdp.event.QuarantinedEvent;
import org.opencdp.event.Reason;
import org.opencdp.event.RecordKeys;
import org.opencdp.event.Topics;
import org.opencdp.quality.lake.QuarantineRow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a refused raw record becomes: its quarantine lake row (the value byte for byte, reasons,
 * rule versions, position) and its {@code cdp.quarantine.events} copy.
 */
final class Refusals {

  static final String STAGE = "quality";

  private final EventCodec codec;
  private final Topics topics;

  Refusals(EventCodec codec, Topics topics) {
    this.codec = codec;
    this.topics = topics;
  }

  ProducerRecord<String, byte[]> topicRecord(
      Decoded.Refused refused, ConsumerRecord<String, byte[]> record) {
    Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
    JsonNode payload = payload(record.value());
    QuarantinedEvent q =
        new QuarantinedEvent(
            refused.tenantId(),
            null,
            payload.path("messageId").isString() ? payload.path("messageId").stringValue() : null,
            receivedAt,
            STAGE,
            refused.reasons(),
            payload);
    ProducerRecord<String, byte[]> out =
        new ProducerRecord<>(
            topics.quarantineEvents(),
            RecordKeys.tenant(refused.tenantId()),
            codec.mapper().writeValueAsBytes(q));
    out.headers()
        .add(Decoded.TENANT_HEADER, refused.tenantId().getBytes(StandardCharsets.UTF_8))
        .add("cdp-source-topic", record.topic().getBytes(StandardCharsets.UTF_8))
        .add(
            "cdp-source-partition",
            Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8))
        .add("cdp-source-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
    return out;
  }

  /** The lake's copy of a refused record: its value byte for byte, reasons, and position. */
  QuarantineRow row(Decoded.Refused refused, ConsumerRecord<String, byte[]> record) {
    Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
    JsonNode payload = payload(record.value());
    ObjectNode versions = JsonNodeFactory.instance.objectNode();
    refused.ruleVersions().forEach(versions::put);
    return new QuarantineRow(
        refused.tenantId(),
        LocalDate.ofInstant(receivedAt, ZoneOffset.UTC),
        QuarantinedRecords.id(record),
        text(payload, "messageId"),
        text(payload, "sourceId"),
        STAGE,
        text(payload, "event"),
        String.join(",", refused.reasons().stream().map(Reason::code).toList()),
        codec.mapper().writeValueAsString(refused.reasons()),
        record.value() == null ? new byte[0] : record.value(),
        receivedAt,
        record.topic(),
        (long) record.partition(),
        record.offset(),
        versions.toString());
  }

  private static String text(JsonNode payload, String field) {
    JsonNode value = payload.path(field);
    return value.isString() ? value.stringValue() : null;
  }

  /** The payload as JSON when it is JSON, else as the text it decodes to. */
  private JsonNode payload(byte[] value) {
    if (value == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      return codec.mapper().readTree(value);
    } catch (RuntimeException notJson) {
      return JsonNodeFactory.instance.stringNode(new String(value, StandardCharsets.UTF_8));
    }
  }
}
