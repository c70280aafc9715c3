package org.opencdp.insight.knowledge;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.opencdp.ai.rag.KnowledgeBase;
import org.opencdp.ai.rag.KnowledgeDocument;
import org.opencdp.event.Document;
import org.opencdp.event.EventCodec;
import org.opencdp.event.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Consumes {@code cdp.raw.documents} on a thread of its own and indexes each document under its
 * tenant. Offsets are committed only after the index commit, so after a crash what was not durable
 * is read again, and reading a document twice is harmless: a documentId replaces its earlier
 * passages. A restart reads only what came after the last commit: the index on disk holds the rest.
 */
final class DocumentIntake implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DocumentIntake.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

  private final ConsumerFactory<String, byte[]> consumers;
  private final Topics topics;
  private final KnowledgeProperties properties;
  private final KnowledgeBase knowledge;
  private final EventCodec codec;
  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  private volatile boolean running;
  private volatile Thread thread;
  private volatile Consumer<String, byte[]> consumer;

  DocumentIntake(
      ConsumerFactory<String, byte[]> consumers,
      Topics topics,
      KnowledgeProperties properties,
      KnowledgeBase knowledge,
      EventCodec codec) {
    this.consumers = consumers;
    this.topics = topics;
    this.properties = properties;
    this.knowledge = knowledge;
    this.codec = codec;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "knowledge-intake");
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

  /** Documents indexed by this process. */
  long indexed() {
    return indexed.get();
  }

  private void run() {
    try (Consumer<String, byte[]> c =
        consumers.createConsumer(properties.groupId(), "knowledge-intake")) {
      consumer = c;
      c.subscribe(List.of(topics.rawDocuments()));
      while (running) {
        try {
          batch(c, c.poll(properties.pollTimeout()));
        } catch (WakeupException e) {
          // stop() was called
        } catch (RuntimeException e) {
          log.warn("Indexing failed; reading again from the last commit: {}", e.toString());
          rewind(c);
          pause(properties.retryBackoff());
        }
      }
    } catch (RuntimeException e) {
      log.error("The knowledge intake stopped", e);
    } finally {
      consumer = null;
      running = false;
    }
  }

  private void batch(Consumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      index(record);
      next.put(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1));
    }
    knowledge.commit(); // durable first, then the offsets
    c.commitSync(next, COMMIT_TIMEOUT);
  }

  private void index(ConsumerRecord<String, byte[]> record) {
    Document document;
    try {
      document = codec.mapper().readValue(record.value(), Document.class);
    } catch (RuntimeException e) {
      // never a poison pill: a record that is no document is skipped, once, with a trace
      refused.incrementAndGet();
      log.warn(
          "Skipping {}-{}@{}: not a document ({})",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
      return;
    }
    String tenant = document.tenantId() != null ? document.tenantId() : record.key();
    if (tenant == null || tenant.isBlank()) {
      refused.incrementAndGet();
      log.warn("Skipping document {} without a tenant", document.documentId());
      return;
    }
    knowledge.add(
        tenant,
        new KnowledgeDocument(
            document.documentId(),
            document.title(),
            document.text(),
            document.language(),
            document.tags()));
    indexed.incrementAndGet();
  }

  private void rewind(Consumer<String, byte[]> c) {
    try {
      var committed = c.committed(c.assignment());
      for (TopicPartition tp : c.assignment()) {
        OffsetAndMetadata at = committed.get(tp);
        if (at != null) {
          c.seek(tp, at.offset());
        } else {
          c.seekToBeginning(List.of(tp));
        }
      }
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
}
