package org.opencdp.quality.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.opencdp.event.Envelope;
import org.opencdp.event.EventCodec;
import org.opencdp.event.InvalidEvent;
import org.opencdp.event.MalformedJson;
import org.opencdp.event.Reason;
import org.opencdp.event.ReasonCode;
import org.opencdp.event.SegmentEvent;
import org.opencdp.servicekit.tenant.CallerIdentity;

/** What one raw record turned out to be: an accepted event or a refusal with its reasons. */
sealed interface Decoded {

  /** Header naming the tenant on records of external producers (ingest sets it too). */
  String TENANT_HEADER = "cdp-tenant";

  /** Reason code of a record whose tenant is missing or not a valid tenant id. */
  String TENANT_INVALID = "tenant_invalid";

  /** Tenant folder for refusals that name no usable tenant. */
  String UNKNOWN_TENANT = org.opencdp.quality.lake.Lake.UNKNOWN_TENANT;

  /**
   * An event the codec read; {@code asReceived} when decoding completed nothing (tenant, receivedAt
   * and messageId were all there), so that the record's value is already its encoding.
   */
  record Accepted(SegmentEvent event, boolean asReceived) implements Decoded {}

  /** A refusal; {@code ruleVersions} names the plans and rules that fired, if any did. */
  record Refused(String tenantId, List<Reason> reasons, java.util.Map<String, Integer> ruleVersions)
      implements Decoded {
    Refused(String tenantId, List<Reason> reasons) {
      this(tenantId, reasons, java.util.Map.of());
    }
  }

  /**
   * Decodes with the platform codec; the tenant comes from the event, else the header. A missing
   * receivedAt becomes the record's timestamp and a missing messageId one derived from the record's
   * position, so that reading the same record twice gives the same row.
   */
  static Decoded of(EventCodec codec, ConsumerRecord<String, byte[]> record) {
    byte[] value = record.value();
    if (value == null) {
      return new Refused(
          tenantOf(null, record),
          List.of(Reason.of(ReasonCode.MALFORMED_JSON, null, "the record has no value")));
    }
    SegmentEvent event;
    try {
      event = codec.decode(value);
    } catch (InvalidEvent e) {
      return new Refused(tenantOf(null, record), e.reasons());
    } catch (MalformedJson e) {
      return new Refused(
          tenantOf(null, record),
          List.of(Reason.of(ReasonCode.MALFORMED_JSON, e.pointer(), e.getMessage())));
    } catch (RuntimeException e) {
      return new Refused(
          tenantOf(null, record),
          List.of(Reason.of(ReasonCode.MALFORMED_JSON, null, "undecodable: " + e.getMessage())));
    }
    String tenant = tenantOf(event.envelope().tenantId(), record);
    if (!CallerIdentity.isValidTenantId(tenant)) {
      return new Refused(
          UNKNOWN_TENANT,
          List.of(
              new Reason(
                  TENANT_INVALID, "tenantId", "the event names no valid tenant (" + tenant + ")")));
    }
    Envelope e = event.envelope();
    boolean complete = e.tenantId() != null && e.receivedAt() != null && e.messageId() != null;
    return new Accepted(complete ? event : complete(event, tenant, record), complete);
  }

  private static SegmentEvent complete(
      SegmentEvent event, String tenant, ConsumerRecord<String, byte[]> record) {
    return event.mapEnvelope(
        e -> {
          var out = e;
          if (e.tenantId() == null) {
            out = out.withSource(tenant, e.sourceId());
          }
          if (e.receivedAt() == null) {
            Instant at = Instant.ofEpochMilli(record.timestamp());
            out = out.withTimes(e.timestamp(), e.originalTimestamp(), e.sentAt(), at);
          }
          if (e.messageId() == null) {
            String position = record.topic() + "/" + record.partition() + "/" + record.offset();
            out =
                out.withMessageId(
                    UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8)).toString());
          }
          return out;
        });
  }

  private static String tenantOf(String fromEvent, ConsumerRecord<String, byte[]> record) {
    if (fromEvent != null) {
      return fromEvent;
    }
    Header header = record.headers().lastHeader(TENANT_HEADER);
    String fromHeader =
        header == null || header.value() == null
            ? null
            : new String(header.value(), StandardCharsets.UTF_8);
    return CallerIdentity.isValidTenantId(fromHeader) ? fromHeader : UNKNOWN_TENANT;
  }
}
