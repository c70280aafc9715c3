package org.opencdp.quality.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.opencdp.event.EventCodec;
import org.opencdp.event.QuarantinedEvent;
import org.opencdp.event.Reason;
import org.opencdp.event.RecordKeys;
import org.opencdp.event.SegmentEvent;
import org.opencdp.event.Topics;
import org.opencdp.event.lake.EventRow;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.QuarantineRow;
import org.opencdp.quality.lake.SourceCoverage;
import org.opencdp.quality.lake.SourcePartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Consumes one topic on a thread of its own and lands every record in the lake exactly once: from
 * {@code cdp.raw.events} accepted events into {@code events} and undecodable ones into {@code
 * quarantine}; from {@code cdp.quarantine.events} what ingest-service refused into {@code
 * quarantine}.
 *
 * <p>A plain consumer loop rather than a listener container: rolling files by age needs a tick even
 * when no records arrive, offsets must be committed only after files are durable, and on every
 * assignment the position is moved past what the lake already holds; all of it in the one thread
 * that owns the consumer.
 *
 * <p>Exactly once: each file records the source offsets of its rows. Offsets are committed only
 * after the files are durable (and their clean-topic copies acknowledged), and never beyond a
 * record still in memory. After a crash the group's committed offset may lag the lake; records the
 * lake already holds are then recognised by their recorded offsets and skipped.
 */
public final class LakeIntake implements SmartLifecycle {

  /** Which topic an intake reads, and so what it makes of a record. */
  public enum Feed {
    RAW_EVENTS(""),
    QUARANTINE_EVENTS("-quarantine");

    private final String suffix;

    Feed(String suffix) {
      this.suffix = suffix;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(LakeIntake.class);
  private static final String STAGE = "quality";
  private static final String UNPROCESSABLE = "unprocessable";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

  private final Feed feed;
  private final ConsumerFactory<String, byte[]> consumers;
  private final ProducerFactory<String, byte[]> producers;
  private final Topics topics;
  private final LakeProperties lakeProperties;
  private final IntakeProperties properties;
  private final Lake lake;
  private final LakeWriter writer;
  private final EventCodec codec;
  private final PartitionBuffers buffers = new PartitionBuffers();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();

  private volatile boolean running;
  private volatile Thread thread;
  private volatile Consumer<String, byte[]> consumer;
  private SourceCoverage inLake = new SourceCoverage();

  public LakeIntake(
      Feed feed,
      ConsumerFactory<String, byte[]> consumers,
      ProducerFactory<String, byte[]> producers,
      Topics topics,
      LakeProperties lakeProperties,
      IntakeProperties properties,
      Lake lake,
      LakeWriter writer,
      EventCodec codec) {
    this.feed = feed;
    this.consumers = consumers;
    this.producers = producers;
    this.topics = topics;
    this.lakeProperties = lakeProperties;
    this.properties = properties;
    this.lake = lake;
    this.writer = writer;
    this.codec = codec;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "quality-intake" + feed.suffix);
    // a JVM that is going down must not wait for it: what it had not committed is read again
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    Consumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Records skipped because the lake already held them (after a crash). */
  public long skipped() {
    return skipped.get();
  }

  /** Rows written to the lake by this process. */
  public long written() {
    return written.get();
  }

  private void run() {
    try (TopicWriter out = new TopicWriter(producers);
        Consumer<String, byte[]> c =
            consumers.createConsumer(
                properties.groupId() + feed.suffix,
                "quality-intake" + feed.suffix,
                null,
                overrides())) {
      consumer = c;
      String topic = feed == Feed.RAW_EVENTS ? topics.rawEvents() : topics.quarantineEvents();
      c.subscribe(List.of(topic), new Rebalance(out));
      while (running) {
        try {
          cycle(c, out);
        } catch (WakeupException e) {
          // stop() was called: fall through to the final flush
        } catch (RuntimeException e) {
          log.warn("Intake failed; reading again from the last commit: {}", e.toString());
          rewind(c);
          pause(properties.retryBackoff());
        }
      }
      try {
        flushAll(out);
        commit(c);
      } catch (RuntimeException e) {
        log.warn("Could not flush on shutdown; the next start reads again: {}", e.toString());
      }
    } catch (RuntimeException e) {
      log.error("The intake consumer stopped", e);
    } finally {
      consumer = null;
      running = false;
    }
  }

  private Properties overrides() {
    Properties overrides = new Properties();
    if (!properties.instanceId().isBlank()) {
      overrides.put(
          ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.instanceId().strip() + feed.suffix);
    }
    return overrides;
  }

  private void cycle(Consumer<String, byte[]> c, TopicWriter out) {
    for (ConsumerRecord<String, byte[]> record : c.poll(properties.pollTimeout())) {
      handle(record, out);
    }
    long now = System.nanoTime();
    boolean due =
        buffers.anyOlderThan(lakeProperties.maxFileAge().toNanos(), now)
            || buffers.rows() >= lakeProperties.maxBufferedRows();
    if (due) {
      flushAll(out);
      commit(c);
    } else {
      var full = buffers.takeFull(lakeProperties.targetFileSize().toBytes());
      if (!full.isEmpty()) {
        full.forEach(b -> flush(b, out));
        commit(c);
      }
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record, TopicWriter out) {
    SourcePartition source = new SourcePartition(record.topic(), record.partition());
    if (inLake.of(source).contains(record.offset())) {
      skipped.incrementAndGet();
      return;
    }
    if (feed == Feed.QUARANTINE_EVENTS) {
      QuarantineRow row = QuarantinedRecords.row(codec, record);
      if (row != null) {
        long bytes = record.value() == null ? 0 : record.value().length;
        buffers.add(row, source, record.offset(), bytes, System.nanoTime());
      }
      return;
    }
    Decoded decoded = Decoded.of(codec, record);
    if (decoded instanceof Decoded.Accepted accepted) {
      try {
        accept(accepted.event(), record, source);
        return;
      } catch (RuntimeException e) {
        // never a poison pill: a record that cannot be turned into a row is quarantined, once
        log.warn("Quarantining {} at {}: {}", source, record.offset(), e.toString());
        decoded =
            new Decoded.Refused(
                accepted.event().envelope().tenantId(),
                List.of(
                    new Reason(UNPROCESSABLE, null, "could not be written: " + e.getMessage())));
      }
    }
    if (decoded instanceof Decoded.Refused refused) {
      QuarantineRow row = quarantineRow(refused, record);
      long bytes = record.value() == null ? 0 : record.value().length;
      buffers.add(row, source, record.offset(), bytes, System.nanoTime());
      out.send(quarantine(refused, record));
    }
  }

  private void accept(
      SegmentEvent event, ConsumerRecord<String, byte[]> record, SourcePartition source) {
    EventRow row = EventRow.of(event);
    String tenant = event.envelope().tenantId();
    ProducerRecord<String, byte[]> clean =
        new ProducerRecord<>(
            topics.cleanEvents(), RecordKeys.event(tenant, event), codec.encode(event));
    clean.headers().add(Decoded.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8));
    long bytes = record.value() == null ? 0 : record.value().length;
    buffers.add(row, clean, source, record.offset(), bytes, System.nanoTime());
  }

  private ProducerRecord<String, byte[]> quarantine(
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
  private QuarantineRow quarantineRow(
      Decoded.Refused refused, ConsumerRecord<String, byte[]> record) {
    Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
    JsonNode payload = payload(record.value());
    String position = record.topic() + "/" + record.partition() + "/" + record.offset();
    return new QuarantineRow(
        refused.tenantId(),
        LocalDate.ofInstant(receivedAt, ZoneOffset.UTC),
        UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8)).toString(),
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
        "{}");
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

  private void flushAll(TopicWriter out) {
    buffers.takeAll().forEach(b -> flush(b, out));
    out.awaitAcknowledged(); // quarantine records too, before their offsets are committed
  }

  /** Clean copies first (at least once), then the file (exactly once, by its recorded offsets). */
  private void flush(PartitionBuffers.Buffer buffer, TopicWriter out) {
    buffer.clean.forEach(out::send);
    out.awaitAcknowledged();
    var key = buffer.key;
    if (key.table() == LakeTable.EVENTS) {
      writer.writeEvents(key.tenantId(), key.date(), rows(buffer, EventRow.class), buffer.coverage);
    } else {
      writer.writeQuarantine(
          key.tenantId(), key.date(), rows(buffer, QuarantineRow.class), buffer.coverage);
    }
    inLake.addAll(buffer.coverage);
    written.addAndGet(buffer.rows.size());
  }

  private static <T> List<T> rows(PartitionBuffers.Buffer buffer, Class<T> type) {
    return buffer.rows.stream().map(type::cast).toList();
  }

  /** Commits, per assigned partition, up to the first record not yet durable in the lake. */
  private void commit(Consumer<String, byte[]> c) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : c.assignment()) {
      SourcePartition source = new SourcePartition(tp.topic(), tp.partition());
      long next = buffers.lowestUnwritten(source).orElse(c.position(tp));
      offsets.put(tp, new OffsetAndMetadata(next));
    }
    if (!offsets.isEmpty()) {
      c.commitSync(offsets, COMMIT_TIMEOUT);
    }
  }

  /** After a failure: forget what is in memory and read again from the last commit. */
  private void rewind(Consumer<String, byte[]> c) {
    buffers.clear();
    try {
      seekPastLake(c, c.assignment(), true);
    } catch (RuntimeException e) {
      log.warn("Could not rewind: {}", e.toString());
    }
  }

  /**
   * Positions each partition at its committed offset (or the reset policy's), then past the run of
   * records the lake already holds from there.
   */
  private void seekPastLake(
      Consumer<String, byte[]> c, Collection<TopicPartition> partitions, boolean toCommitted) {
    if (partitions.isEmpty()) {
      return;
    }
    inLake = lake.recordedCoverage(LakeTable.EVENTS, LakeTable.QUARANTINE);
    Map<TopicPartition, OffsetAndMetadata> committed =
        toCommitted ? c.committed(Set.copyOf(partitions)) : Map.of();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata at = committed.get(tp);
      if (toCommitted) {
        if (at != null) {
          c.seek(tp, at.offset());
        } else {
          c.seekToBeginning(List.of(tp));
        }
      }
      long position = c.position(tp);
      long past =
          inLake.of(new SourcePartition(tp.topic(), tp.partition())).firstMissingFrom(position);
      if (past > position) {
        log.info(
            "{}: the lake already holds offsets {}..{}, seeking past them", tp, position, past - 1);
        c.seek(tp, past);
      }
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Flushes before partitions go; skips what the lake holds when they come. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final TopicWriter out;

    Rebalance(TopicWriter out) {
      this.out = out;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty() && consumer != null) {
        flushAll(out);
        commit(consumer);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // another member may own them already: what is in memory is read again by someone
      buffers.clear();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (consumer != null) {
        seekPastLake(consumer, partitions, false);
      }
    }
  }
}
