package org.opencdp.quality.intake;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Sends records to the platform's output topics (clean events, quarantine) and, on {@link
 * #awaitAcknowledged()}, waits until the broker has acknowledged every one sent so far.
 */
final class TopicWriter implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final AtomicReference<Exception> failed = new AtomicReference<>();

  TopicWriter(ProducerFactory<String, byte[]> producers) {
    this.producer = producers.createProducer();
  }

  void send(ProducerRecord<String, byte[]> record) {
    producer.send(
        record,
        (metadata, exception) -> {
          if (exception != null) {
            failed.compareAndSet(null, exception);
          }
        });
  }

  /** Blocks until everything sent is acknowledged; throws if any send failed. */
  void awaitAcknowledged() {
    producer.flush();
    Exception e = failed.getAndSet(null);
    if (e != null) {
      throw new SendFailed(e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }

  /** The broker did not take a record; what was sent since the last commit is sent again. */
  static final class SendFailed extends RuntimeException {
    SendFailed(Exception cause) {
      super("a record was not acknowledged: " + cause.getMessage(), cause);
    }
  }
}
