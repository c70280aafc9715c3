package org.opencdp.quality.quarantine;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.opencdp.event.EventCodec;
import org.opencdp.event.InvalidEvent;
import org.opencdp.event.MalformedJson;
import org.opencdp.event.Reason;
import org.opencdp.event.RecordKeys;
import org.opencdp.event.SegmentEvent;
import org.opencdp.event.Topics;
import org.opencdp.quality.rules.Action;
import org.opencdp.quality.rules.Judge;
import org.opencdp.quality.rules.Verdict;
import org.opencdp.servicekit.tenant.CallerIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays a quarantined record after a fix: checks it against the tenant's current plans and rules,
 * claims it (quarantined to replayed, once), and produces it to {@code cdp.raw.events} with header
 * {@value #REPLAY_HEADER}, from where the intake lands it exactly once like any other record. The
 * messageId is kept, so a copy that did land already is caught by deduplication.
 */
public final class Replayer {

  /** Header naming the quarantine record a raw record replays. */
  public static final String REPLAY_HEADER = "cdp-replay-of";

  /** What became of one id. */
  public record Outcome(String id, String result, List<Reason> reasons) {}

  private final Quarantine quarantine;
  private final Judge judge;
  private final EventCodec codec;
  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final Clock clock;

  public Replayer(
      Quarantine quarantine,
      Judge judge,
      EventCodec codec,
      Producer<String, byte[]> producer,
      Topics topics,
      Clock clock) {
    this.quarantine = quarantine;
    this.judge = judge;
    this.codec = codec;
    this.producer = producer;
    this.topics = topics;
    this.clock = clock;
  }

  Outcome replay(CallerIdentity caller, Quarantine.Record record, JsonNode edited, String why) {
    if (!"quarantined".equals(record.status())) {
      return new Outcome(record.id(), "skipped: " + record.status(), List.of());
    }
    byte[] payload = edited == null ? record.payload() : edit(record, edited);
    SegmentEvent event;
    try {
      event = codec.decode(payload);
    } catch (InvalidEvent e) {
      return new Outcome(record.id(), "refused", e.reasons());
    } catch (MalformedJson e) {
      return refused(record, "malformed_json", e.getMessage());
    }
    String tenant = event.envelope().tenantId();
    if (tenant != null && !tenant.equals(caller.tenantId())) {
      return refused(record, "tenant_invalid", "the payload names another tenant");
    }
    if (tenant == null) {
      event = event.mapEnvelope(e -> e.withSource(caller.tenantId(), e.sourceId()));
    }
    if (event.envelope().messageId() == null) {
      // the intake would derive one from the replay's own position: name it after the record
      event = event.mapEnvelope(e -> e.withMessageId(record.id()));
      payload = codec.encode(event);
    }
    Verdict verdict = judge.judge(event, clock.instant());
    if (verdict.action() == Action.QUARANTINE) {
      return new Outcome(record.id(), "refused", verdict.reasons());
    }
    if (!quarantine.transition(caller.tenantId(), record.id(), "replayed", caller.keyId())) {
      return new Outcome(record.id(), "skipped: no longer quarantined", List.of());
    }
    try {
      send(caller.tenantId(), record.id(), event, payload);
    } catch (RuntimeException e) {
      quarantine.reopen(caller.tenantId(), record.id());
      return refused(record, "replay_failed", "could not be produced: " + e.getMessage());
    }
    String detail =
        "{\"edited\":"
            + (edited != null)
            + ",\"messageId\":"
            + quote(event.envelope().messageId())
            + "}";
    quarantine.audit(caller.tenantId(), record.id(), "replay", caller.keyId(), why, detail);
    return new Outcome(record.id(), "replayed", List.of());
  }

  private void send(String tenant, String id, SegmentEvent event, byte[] payload) {
    ProducerRecord<String, byte[]> out =
        new ProducerRecord<>(topics.rawEvents(), RecordKeys.event(tenant, event), payload);
    out.headers()
        .add("cdp-tenant", tenant.getBytes(StandardCharsets.UTF_8))
        .add(REPLAY_HEADER, id.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(out).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** An edited payload keeps the original messageId: that is what makes replays idempotent. */
  private byte[] edit(Quarantine.Record record, JsonNode edited) {
    if (edited.isObject() && record.messageId() != null) {
      ((ObjectNode) edited).put("messageId", record.messageId());
    }
    return codec.write(edited);
  }

  private static Outcome refused(Quarantine.Record record, String code, String message) {
    return new Outcome(record.id(), "refused", List.of(new Reason(code, null, message)));
  }

  private static String quote(String text) {
    return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
