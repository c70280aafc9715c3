package org.opencdp.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.opencdp.event.Topics;
import org.opencdp.ingest.IngestErrorCode;
import org.opencdp.ingest.IngestProperties;
import org.opencdp.servicekit.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes accepted and quarantined events to Kafka and returns only once the broker has acknowledged
 * every one of them; when it cannot within the ack timeout, the caller gets a 503 with Retry-After
 * and never a success for data that is not in Kafka.
 */
@Component
public class EventLog {

  private static final Logger log = LoggerFactory.getLogger(EventLog.class);
  public static final String TENANT_HEADER = "cdp-tenant";

  private final ProducerFactory<String, byte[]> producers;
  private final Topics topics;
  private final Duration ackTimeout;
  private final long retryAfterSeconds;

  EventLog(ProducerFactory<String, byte[]> producers, Topics topics, IngestProperties properties) {
    this.producers = producers;
    this.topics = topics;
    this.ackTimeout = properties.ackTimeout();
    this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
  }

  public Topics topics() {
    return topics;
  }

  /** A record for {@code topic} carrying the tenant as a header, for consumers that route. */
  public static ProducerRecord<String, byte[]> record(
      String topic, String tenantId, String key, byte[] value) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    record.headers().add(TENANT_HEADER, tenantId.getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /** Sends every record and waits for all acknowledgements, or fails the whole call. */
  public void publish(List<ProducerRecord<String, byte[]>> records) {
    if (records.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    CountDownLatch acks = new CountDownLatch(records.size());
    AtomicReference<Exception> refused = new AtomicReference<>();
    Callback callback =
        (metadata, exception) -> {
          if (exception != null) {
            refused.compareAndSet(null, exception);
          }
          acks.countDown();
        };
    // One shared, thread-safe producer (the factory hands out the same instance); one latch per
    // request rather than a future per record keeps a 100-event batch cheap.
    try (Producer<String, byte[]> producer = producers.createProducer()) {
      for (ProducerRecord<String, byte[]> record : records) {
        producer.send(record, callback);
      }
      if (!acks.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw unavailable(
            "the event log did not acknowledge within " + ackTimeout.toMillis() + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("the request was interrupted before the event log acknowledged");
    } catch (KafkaException e) {
      log.warn("Kafka send failed: {}", e.toString());
      throw unavailable("the event log is unavailable");
    }
    if (refused.get() != null) {
      log.warn("Kafka refused a write: {}", refused.get().toString());
      throw unavailable(
          "the event log refused part of this write; events it stored before are kept, and sending them again with the same messageId is safe");
    }
  }

  private ProblemException unavailable(String detail) {
    return new ProblemException(IngestErrorCode.BROKER_UNAVAILABLE, detail + "; retry later")
        .header("Retry-After", Long.toString(retryAfterSeconds));
  }
}
