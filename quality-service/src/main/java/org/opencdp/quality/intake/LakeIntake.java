package org.opencdp.quality.intake;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.opencdp.event.EventCodec;
import org.opencdp.event.Topics;
import org.opencdp.event.lake.EventRow;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.QuarantineRow;
import org.opencdp.quality.lake.SourcePartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

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
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Feed feed;
  private final ConsumerFactory<String, byte[]> consumers;
  private final ProducerFactory<String, byte[]> producers;
  private final Topics topics;
  private final LakeProperties lakeProperties;
  private final IntakeProperties properties;
  private final Lake lake;
  private final LakeWriter writer;
  private final EventCodec codec;
  private final Routing routing;
  private final Screening screening;
  private final QuarantineSink quarantineSink;
  private final PartitionBuffers buffers = new PartitionBuffers();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();

  private volatile boolean running;
  private volatile Thread thread;
  private volatile Consumer<String, byte[]> consumer;
  private final Positions positions;

  public LakeIntake(
      Feed feed,
      ConsumerFactory<String, byte[]> consumers,
      ProducerFactory<String, byte[]> producers,
      Topics topics,
      LakeProperties lakeProperties,
      IntakeProperties properties,
      Lake lake,
      LakeWriter writer,
      EventCodec codec,
      Screening screening,
      QuarantineSink quarantineSink) {
    this.feed = feed;
    this.consumers = consumers;
    this.producers = producers;
    this.topics = topics;
    this.lakeProperties = lakeProperties;
    this.properties = properties;
    this.lake = lake;
    this.writer = writer;
    this.codec = codec;
    this.positions = new Positions(lake, buffers);
    this.routing = new Routing(feed, codec, topics, screening, buffers);
    this.screening = screening;
    this.quarantineSink = quarantineSink;
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
        positions.commit(c);
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
      positions.commit(c);
    } else {
      var full = buffers.takeFull(lakeProperties.targetFileSize().toBytes());
      if (!full.isEmpty()) {
        full.forEach(b -> flush(b, out));
        positions.commit(c);
      }
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record, TopicWriter out) {
    SourcePartition source = new SourcePartition(record.topic(), record.partition());
    if (positions.inLake(source, record.offset())) {
      skipped.incrementAndGet();
      return;
    }
    routing.route(record, source, out);
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
      List<EventRow> rows = rows(buffer, EventRow.class);
      writer.writeEvents(key.tenantId(), key.date(), rows, buffer.coverage);
      screening.landed(rows);
    } else {
      List<QuarantineRow> rows = rows(buffer, QuarantineRow.class);
      LakeFile file = writer.writeQuarantine(key.tenantId(), key.date(), rows, buffer.coverage);
      quarantineSink.landed(file, rows);
    }
    positions.landed(buffer.coverage);
    written.addAndGet(buffer.rows.size());
  }

  private static <T> List<T> rows(PartitionBuffers.Buffer buffer, Class<T> type) {
    return buffer.rows.stream().map(type::cast).toList();
  }

  /** After a failure: forget what is in memory and read again from the last commit. */
  private void rewind(Consumer<String, byte[]> c) {
    buffers.clear();
    screening.forgetPending();
    try {
      positions.seekPastLake(c, c.assignment(), true);
    } catch (RuntimeException e) {
      log.warn("Could not rewind: {}", e.toString());
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
        positions.commit(consumer);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // another member may own them already: what is in memory is read again by someone
      buffers.clear();
      screening.forgetPending();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (consumer != null) {
        positions.seekPastLake(consumer, partitions, false);
      }
    }
  }
}
