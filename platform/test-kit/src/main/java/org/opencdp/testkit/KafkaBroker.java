package org.opencdp.testkit;

import java.time.Duration;
import java.util.List;

/** A running Kafka broker for tests, with the few topic operations tests need. */
public interface KafkaBroker extends AutoCloseable {

  String bootstrapServers();

  /**
   * Creates the topics and waits until every partition has a leader. Idempotent: topics that
   * already exist are left as they are.
   */
  void createTopics(int partitions, String... names);

  /**
   * Reads records from the beginning of the topic until {@code count} arrived or the timeout
   * passes, and returns at most {@code count}: what it got. Waits for the topic to appear if it
   * does not exist yet. Only committed records of transactional producers are returned.
   */
  List<ConsumedRecord> consume(String topic, int count, Duration timeout);

  /**
   * Reads everything currently in the topic, up to its end offsets at the time of the call; a topic
   * that does not exist is empty. Committed records only: a transaction still open at the call is
   * waited for, within the timeout.
   */
  List<ConsumedRecord> readAll(String topic, Duration timeout);

  /**
   * Stops a dedicated broker for good, so clients then time out. The shared broker refuses with
   * {@link IllegalStateException}: other tests still use it.
   */
  void stop();

  /** Stops a dedicated broker; does nothing for the shared one, which lives until JVM exit. */
  @Override
  void close();
}
