package org.opencdp.ingest.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.opencdp.event.Batch;
import org.opencdp.event.EventCodec;
import org.opencdp.event.EventType;
import org.opencdp.event.InvalidEvent;
import org.opencdp.event.MalformedJson;
import org.opencdp.event.QuarantinedEvent;
import org.opencdp.event.Reason;
import org.opencdp.event.ReasonCode;
import org.opencdp.event.RecordKeys;
import org.opencdp.event.SegmentEvent;
import org.opencdp.ingest.IngestErrorCode;
import org.opencdp.ingest.IngestProperties;
import org.opencdp.ingest.publish.EventLog;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Judges incoming events against the envelope rules and turns each into a Kafka record: accepted
 * ones, enriched, for {@code cdp.raw.events}; refused ones, with their reasons, for {@code
 * cdp.quarantine.events}. Shared by the tracking endpoints and bulk import.
 */
@Component
public class EventIntake {

  private final EventCodec codec;
  private final EventLog log;
  private final Clock clock;

  private final int maxBatchEvents;

  EventIntake(EventCodec codec, EventLog log, Clock clock, IngestProperties properties) {
    this.maxBatchEvents = properties.maxBatchEvents();
    this.codec = codec;
    this.log = log;
    this.clock = clock;
  }

  /** The outcome for one event: the record to send and, when refused, why. */
  public record Verdict(
      ProducerRecord<String, byte[]> record, String messageId, List<Reason> reasons) {
    public boolean quarantined() {
      return !reasons.isEmpty();
    }
  }

  /** One event to its type's endpoint: refused outright (400/413) rather than quarantined. */
  public String acceptOne(EventType type, byte[] body, CallerIdentity caller) {
    Verdict verdict = judge(parse(body), type, caller, clock.instant());
    if (verdict.quarantined()) {
      throw refused(verdict.reasons());
    }
    log.publish(List.of(verdict.record()));
    return verdict.messageId();
  }

  /** A batch: good events are accepted, bad ones quarantined with their index and reasons. */
  public List<Map<String, Object>> acceptBatch(byte[] body, CallerIdentity caller) {
    Batch batch;
    try {
      batch = codec.readBatch(body);
    } catch (MalformedJson e) {
      throw malformed(e);
    }
    if (batch.events().size() > maxBatchEvents) {
      throw new ProblemException(
              IngestErrorCode.BATCH_TOO_LARGE,
              "the batch has " + batch.events().size() + " events; the limit is " + maxBatchEvents)
          .field("batch")
          .rule("max-batch-events");
    }
    Instant receivedAt = clock.instant();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch.events().size());
    List<Map<String, Object>> quarantined = new ArrayList<>();
    for (int i = 0; i < batch.events().size(); i++) {
      ObjectNode item = batch.events().get(i);
      Enrichment.inheritBatchFields(item, batch.context(), batch.integrations(), batch.sentAt());
      Verdict verdict = judge(item, null, caller, receivedAt);
      records.add(verdict.record());
      if (verdict.quarantined()) {
        quarantined.add(quarantineEntry(i, verdict));
      }
    }
    log.publish(records);
    return quarantined;
  }

  /** Judges one already-parsed event (batch item or import line). */
  public Verdict judge(
      ObjectNode node, EventType implied, CallerIdentity caller, Instant receivedAt) {
    try {
      SegmentEvent enriched = Enrichment.enrich(codec.decode(node, implied), caller, receivedAt);
      byte[] value = codec.encode(enriched);
      if (value.length > codec.limits().maxEventBytes()) {
        return quarantine(
            caller,
            node,
            enriched.envelope().messageId(),
            receivedAt,
            List.of(
                Reason.of(
                    ReasonCode.EVENT_TOO_LARGE,
                    null,
                    "the event is "
                        + value.length
                        + " bytes; the limit is "
                        + codec.limits().maxEventBytes())));
      }
      return new Verdict(
          accepted(caller, enriched, value), enriched.envelope().messageId(), List.of());
    } catch (InvalidEvent e) {
      return quarantine(caller, node, messageIdOf(node), receivedAt, e.reasons());
    }
  }

  /** A line or record that is not even JSON: quarantined as text, so nothing is lost. */
  public Verdict quarantineText(
      String text, CallerIdentity caller, Instant receivedAt, Reason reason) {
    return quarantine(
        caller,
        codec.mapper().getNodeFactory().stringNode(text),
        null,
        receivedAt,
        List.of(reason));
  }

  public ObjectNode parse(byte[] body) {
    try {
      return codec.readObject(body);
    } catch (MalformedJson e) {
      throw malformed(e);
    }
  }

  public EventCodec codec() {
    return codec;
  }

  private ProducerRecord<String, byte[]> accepted(
      CallerIdentity caller, SegmentEvent event, byte[] value) {
    return EventLog.record(
        log.topics().rawEvents(),
        caller.tenantId(),
        RecordKeys.event(caller.tenantId(), event),
        value);
  }

  private Verdict quarantine(
      CallerIdentity caller,
      JsonNode payload,
      String messageId,
      Instant receivedAt,
      List<Reason> reasons) {
    String source = caller.sourceId() != null ? caller.sourceId() : caller.keyId();
    QuarantinedEvent q =
        new QuarantinedEvent(
            caller.tenantId(),
            source,
            messageId,
            receivedAt,
            QuarantinedEvent.STAGE_INGEST,
            reasons,
            payload);
    byte[] value = codec.mapper().writeValueAsBytes(q);
    return new Verdict(
        EventLog.record(
            log.topics().quarantineEvents(),
            caller.tenantId(),
            RecordKeys.tenant(caller.tenantId()),
            value),
        messageId,
        reasons);
  }

  private static String messageIdOf(JsonNode node) {
    JsonNode id = node.get("messageId");
    return id != null && id.isString() && id.stringValue().length() <= 512
        ? id.stringValue()
        : null;
  }

  private static Map<String, Object> quarantineEntry(int index, Verdict verdict) {
    Map<String, Object> entry = new java.util.LinkedHashMap<>();
    entry.put("index", index);
    if (verdict.messageId() != null) {
      entry.put("messageId", verdict.messageId());
    }
    entry.put("reasons", verdict.reasons());
    return entry;
  }

  static ProblemException malformed(MalformedJson e) {
    ProblemException problem =
        new ProblemException(IngestErrorCode.MALFORMED_JSON, e.getMessage())
            .rule(e.fault().name().toLowerCase(java.util.Locale.ROOT));
    if (e.pointer() != null) {
      problem.field(e.pointer());
    }
    if (e.line() > 0) {
      problem.property("line", e.line()).property("column", e.column());
    }
    return problem;
  }

  private static ProblemException refused(List<Reason> reasons) {
    if (reasons.get(0).code().equals(ReasonCode.EVENT_TOO_LARGE.code())) {
      return new ProblemException(IngestErrorCode.EVENT_TOO_LARGE, reasons.get(0).message())
          .rule(ReasonCode.EVENT_TOO_LARGE.code());
    }
    return invalid(reasons);
  }

  static ProblemException invalid(List<Reason> reasons) {
    Reason first = reasons.get(0);
    String detail =
        reasons.stream()
            .map(r -> r.field() == null ? r.message() : r.field() + ": " + r.message())
            .collect(java.util.stream.Collectors.joining("; "));
    ProblemException problem =
        new ProblemException(IngestErrorCode.INVALID_EVENT, detail)
            .rule(first.code())
            .property("reasons", reasons);
    if (first.field() != null) {
      problem.field(first.field());
    }
    return problem;
  }
}
