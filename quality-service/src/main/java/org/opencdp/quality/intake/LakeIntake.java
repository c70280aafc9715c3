package org.opencdp.quality.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * that owns the consumer. Two kinds of helpers take work off it and leave every decision to it: the
 * records of a poll are decoded and judged on several threads ({@link Preparation}), and files are
 * encoded and written on a writer thread while the intake thread reads on (one write at a time;
 * what it made durable is recorded, and committed, by the intake thread once it is done).
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
  private static final String MAX_POLL_RECORDS = "2000";

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

  /** The write in progress on the writer thread, if any; intake thread only. */
  private Landing landing;

  private ExecutorService writing;
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
    int threads = feed == Feed.RAW_EVENTS ? Preparation.defaultThreads() : 1;
    writing =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "quality-intake" + feed.suffix + "-writer");
              t.setDaemon(true);
              return t;
            });
    try (Preparation preparation = new Preparation(threads, "quality-intake" + feed.suffix);
        TopicWriter out = new TopicWriter(producers);
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
          cycle(c, out, preparation);
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
      writing.shutdownNow();
      landing = null;
      consumer = null;
      running = false;
    }
  }

  private Properties overrides() {
    Properties overrides = new Properties();
    // larger polls: a batch is prepared on several threads, and one poll per batch costs less
    overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    if (!properties.instanceId().isBlank()) {
      overrides.put(
          ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.instanceId().strip() + feed.suffix);
    }
    return overrides;
  }

  private void cycle(Consumer<String, byte[]> c, TopicWriter out, Preparation preparation) {
    ConsumerRecords<String, byte[]> polled = c.poll(properties.pollTimeout());
    List<ConsumerRecord<String, byte[]>> fresh = new ArrayList<>(polled.count());
    List<SourcePartition> sources = new ArrayList<>(polled.count());
    for (ConsumerRecord<String, byte[]> record : polled) {
      SourcePartition source = new SourcePartition(record.topic(), record.partition());
      if (positions.inLake(source, record.offset())) {
        skipped.incrementAndGet();
      } else {
        fresh.add(record);
        sources.add(source);
      }
    }
    Routing.Prepared[] prepared = preparation.prepare(fresh, routing::prepare);
    for (int i = 0; i < prepared.length; i++) {
      routing.route(fresh.get(i), prepared[i], sources.get(i), out);
    }
    if (landing != null && landing.done().isDone()) {
      land(c);
    }
    long now = System.nanoTime();
    long inMemory = buffers.rows() + (landing == null ? 0 : landing.rows());
    boolean due =
        buffers.anyOlderThan(lakeProperties.maxFileAge().toNanos(), now)
            || inMemory >= lakeProperties.maxBufferedRows();
    List<PartitionBuffers.Buffer> ready =
        due ? buffers.takeAll() : buffers.takeFull(lakeProperties.targetFileSize().toBytes());
    if (!ready.isEmpty()) {
      if (landing != null) {
        // one write at a time, in order; no commit now: ready is out of the buffers but not yet
        // durable, so the commit waits until it has landed too
        land();
      }
      landing = write(ready, out);
    }
  }

  /**
   * Hands {@code ready} to the writer thread: every record sent so far acknowledged first (the
   * rows' clean copies, sent as they were routed: at least once), then each file (exactly once, by
   * its recorded offsets), then every record sent so far acknowledged again (quarantine copies too,
   * before their offsets are committed). The intake thread reads on meanwhile; what was written is
   * known to the intake's state only in {@link #land}.
   */
  private Landing write(List<PartitionBuffers.Buffer> ready, TopicWriter out) {
    long rows = ready.stream().mapToLong(b -> b.rows.size()).sum();
    Future<Written> done =
        writing.submit(
            () -> {
              List<LakeFile> files = new ArrayList<>();
              try {
                out.awaitAcknowledged(); // the rows' clean copies, sent as they were routed
                for (PartitionBuffers.Buffer buffer : ready) {
                  files.add(writeFile(buffer, out));
                }
                out.awaitAcknowledged();
                return new Written(files, null);
              } catch (RuntimeException e) {
                return new Written(files, e);
              }
            });
    return new Landing(ready, rows, done);
  }

  private LakeFile writeFile(PartitionBuffers.Buffer buffer, TopicWriter out) {
    var key = buffer.key;
    return key.table() == LakeTable.EVENTS
        ? writer.writeEvents(
            key.tenantId(), key.date(), rows(buffer, EventRow.class), buffer.coverage)
        : writer.writeQuarantine(
            key.tenantId(), key.date(), rows(buffer, QuarantineRow.class), buffer.coverage);
  }

  /**
   * Waits for the write in progress, records what it made durable (deduplication, the quarantine
   * index, the positions) and commits; rethrows its failure after recording what landed before it.
   */
  private void land(Consumer<String, byte[]> c) {
    land();
    positions.commit(c);
  }

  private void land() {
    Landing current = landing;
    if (current == null) {
      return;
    }
    landing = null;
    Written result;
    try {
      result = current.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the lake", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not write the lake", e.getCause());
    }
    for (int i = 0; i < result.files().size(); i++) {
      PartitionBuffers.Buffer buffer = current.buffers().get(i);
      if (buffer.key.table() == LakeTable.EVENTS) {
        screening.landed(rows(buffer, EventRow.class));
      } else {
        quarantineSink.landed(result.files().get(i), rows(buffer, QuarantineRow.class));
      }
      positions.landed(buffer.coverage);
      written.addAndGet(buffer.rows.size());
    }
    if (result.failure() != null) {
      throw result.failure();
    }
  }

  /** Everything in memory written and recorded, on the intake thread (rebalance, shutdown). */
  private void flushAll(TopicWriter out) {
    land();
    List<PartitionBuffers.Buffer> all = buffers.takeAll();
    if (!all.isEmpty()) {
      landing = write(all, out);
      land();
    }
    out.awaitAcknowledged(); // quarantine records too, before their offsets are committed
  }

  /** A write handed to the writer thread: its buffers, in order, and what became of them. */
  private record Landing(List<PartitionBuffers.Buffer> buffers, long rows, Future<Written> done) {}

  /** The files written, one per buffer in order until the first failure, and that failure. */
  private record Written(List<LakeFile> files, RuntimeException failure) {}

  private static <T> List<T> rows(PartitionBuffers.Buffer buffer, Class<T> type) {
    return buffer.rows.stream().map(type::cast).toList();
  }

  /** After a failure: forget what is in memory and read again from the last commit. */
  private void rewind(Consumer<String, byte[]> c) {
    settle();
    buffers.clear();
    screening.forgetPending();
    try {
      positions.seekPastLake(c, c.assignment(), true);
    } catch (RuntimeException e) {
      log.warn("Could not rewind: {}", e.toString());
    }
  }

  /** Waits for a write in progress and records what it landed; its failure is only logged. */
  private void settle() {
    try {
      land();
    } catch (RuntimeException e) {
      log.warn("A lake write failed: {}", e.toString());
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
      // another member may own them already: what is in memory is read again by someone; a
      // write in progress is waited for, so that it cannot land after the new owner looked
      settle();
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
