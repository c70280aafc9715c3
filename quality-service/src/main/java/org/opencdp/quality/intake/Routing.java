package org.opencdp.quality.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.opencdp.event.EventCodec;
import org.opencdp.event.Reason;
import org.opencdp.event.RecordKeys;
import org.opencdp.event.SegmentEvent;
import org.opencdp.event.Topics;
import org.opencdp.event.lake.EventRow;
import org.opencdp.quality.lake.QuarantineRow;
import org.opencdp.quality.lake.SourcePartition;
import org.opencdp.quality.rules.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one record not yet in the lake goes: decoded, screened, and buffered as an events row (its
 * clean-topic copy sent) or as a quarantine row (its quarantine-topic copy sent). {@link #prepare}
 * does what depends on the record alone (decoding, the rules' verdict, the row and the clean copy
 * of an event that passes as it is) and may run on any thread; {@link #route} is owned by one
 * intake thread and called in the order of the records.
 */
final class Routing {

  private static final Logger log = LoggerFactory.getLogger(Routing.class);
  private static final String UNPROCESSABLE = "unprocessable";

  private final LakeIntake.Feed feed;
  private final EventCodec codec;
  private final Topics topics;
  private final Screening screening;
  private final Refusals refusals;
  private final PartitionBuffers buffers;

  Routing(
      LakeIntake.Feed feed,
      EventCodec codec,
      Topics topics,
      Screening screening,
      PartitionBuffers buffers) {
    this.feed = feed;
    this.codec = codec;
    this.topics = topics;
    this.screening = screening;
    this.refusals = new Refusals(codec, topics);
    this.buffers = buffers;
  }

  /**
   * What can be made of a raw record before it is screened: the decoded record, the verdict of the
   * rules, and, for an event the rules let pass unchanged, its lake row and clean-copy value.
   */
  record Prepared(
      @Nullable Decoded decoded,
      Screening.@Nullable Judged judged,
      @Nullable EventRow row,
      byte @Nullable [] clean) {
    static final Prepared NONE = new Prepared(null, null, null, null);
  }

  /** Thread-safe and never throws: what goes wrong is left to {@link #route}, which refuses it. */
  Prepared prepare(ConsumerRecord<String, byte[]> record) {
    if (feed == LakeIntake.Feed.QUARANTINE_EVENTS) {
      return Prepared.NONE;
    }
    Decoded decoded = Decoded.of(codec, record);
    if (!(decoded instanceof Decoded.Accepted accepted)) {
      return new Prepared(decoded, null, null, null);
    }
    SegmentEvent event = accepted.event();
    Screening.Judged judged = screening.judge(event);
    if (judged.failure() != null || judged.verdict().action() != Action.ALLOW) {
      return new Prepared(decoded, judged, null, null);
    }
    try {
      // an event taken as it came needs no second encoding: its clean copy is the record's value
      byte[] clean = accepted.asReceived() ? record.value() : codec.encode(event);
      return new Prepared(decoded, judged, EventRow.of(event), clean);
    } catch (RuntimeException e) {
      return new Prepared(decoded, judged, null, null); // route() tries again and refuses it
    }
  }

  void route(ConsumerRecord<String, byte[]> record, SourcePartition source, TopicWriter out) {
    route(record, prepare(record), source, out);
  }

  void route(
      ConsumerRecord<String, byte[]> record,
      Prepared prepared,
      SourcePartition source,
      TopicWriter out) {
    if (feed == LakeIntake.Feed.QUARANTINE_EVENTS) {
      QuarantineRow row = QuarantinedRecords.row(codec, record);
      if (row != null) {
        long bytes = record.value() == null ? 0 : record.value().length;
        buffers.add(row, source, record.offset(), bytes, System.nanoTime());
      }
      return;
    }
    Decoded decoded = screened(prepared, source, record, out);
    if (decoded instanceof Decoded.Refused refused) {
      QuarantineRow row = refusals.row(refused, record);
      long bytes = record.value() == null ? 0 : record.value().length;
      buffers.add(row, source, record.offset(), bytes, System.nanoTime());
      out.send(refusals.topicRecord(refused, record));
    }
  }

  /** Accepted events are screened and buffered; what is refused comes back as a refusal. */
  private @Nullable Decoded screened(
      Prepared prepared,
      SourcePartition source,
      ConsumerRecord<String, byte[]> record,
      TopicWriter out) {
    Decoded decoded = prepared.decoded() != null ? prepared.decoded() : Decoded.of(codec, record);
    if (!(decoded instanceof Decoded.Accepted accepted)) {
      return decoded;
    }
    SegmentEvent event = accepted.event();
    String tenant = event.envelope().tenantId();
    Screening.Result result;
    try {
      Screening.Judged judged =
          prepared.judged() != null ? prepared.judged() : screening.judge(event);
      result = screening.screen(event, judged);
    } catch (RuntimeException e) {
      log.warn(
          "Quarantining {} at {}: screening failed: {}", source, record.offset(), e.toString());
      return new Decoded.Refused(
          tenant, List.of(new Reason(UNPROCESSABLE, null, "could not be screened: " + e)));
    }
    if (result instanceof Screening.Refuse refuse) {
      return new Decoded.Refused(tenant, refuse.reasons(), refuse.ruleVersions());
    }
    SegmentEvent passed = ((Screening.Pass) result).event();
    try {
      if (passed == event && prepared.row() != null && prepared.clean() != null) {
        accept(passed, prepared.row(), prepared.clean(), record, source, out);
      } else {
        accept(passed, EventRow.of(passed), codec.encode(passed), record, source, out);
      }
      return null;
    } catch (RuntimeException e) {
      // never a poison pill: a record that cannot be turned into a row is quarantined, once
      log.warn("Quarantining {} at {}: {}", source, record.offset(), e.toString());
      screening.release(event);
      return new Decoded.Refused(
          tenant,
          List.of(new Reason(UNPROCESSABLE, null, "could not be written: " + e.getMessage())));
    }
  }

  /**
   * Sends the clean copy now and buffers the row. The copy is at least once either way (the writer
   * waits for every copy sent so far to be acknowledged before it writes a file, and offsets are
   * committed only after that); sent now, it reaches consumers of the clean topic without waiting
   * for the file, and the buffer does not hold the event's bytes until then.
   */
  private void accept(
      SegmentEvent event,
      EventRow row,
      byte[] value,
      ConsumerRecord<String, byte[]> record,
      SourcePartition source,
      TopicWriter out) {
    String tenant = event.envelope().tenantId();
    ProducerRecord<String, byte[]> clean =
        new ProducerRecord<>(topics.cleanEvents(), RecordKeys.event(tenant, event), value);
    clean.headers().add(Decoded.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8));
    out.send(clean);
    long bytes = record.value() == null ? 0 : record.value().length;
    buffers.add(row, source, record.offset(), bytes, System.nanoTime());
  }
}
