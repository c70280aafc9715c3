package org.opencdp.testkit;

import java.time.Duration;
import java.util.List;

/** The broker every test in the JVM uses: anyone may use it, no one may stop it. */
final class SharedBroker implements KafkaBroker {

  private final KafkaBroker broker;

  SharedBroker(KafkaBroker broker) {
    this.broker = broker;
  }

  @Override
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public void createTopics(int partitions, String... names) {
    broker.createTopics(partitions, names);
  }

  @Override
  public List<ConsumedRecord> consume(String topic, int count, Duration timeout) {
    return broker.consume(topic, count, timeout);
  }

  @Override
  public List<ConsumedRecord> readAll(String topic, Duration timeout) {
    return broker.readAll(topic, timeout);
  }

  @Override
  public void stop() {
    throw new IllegalStateException(
        "The shared broker serves every test in this JVM and stops at exit; use"
            + " Infrastructure.dedicatedKafka() for a broker to stop");
  }

  /** Nothing to do: closing says "done with it", and other tests are not. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "shared " + broker;
  }
}
