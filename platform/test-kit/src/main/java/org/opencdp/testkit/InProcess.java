package org.opencdp.testkit;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Kafka as a single-node KRaft cluster inside this JVM: no Docker, no server, a few seconds. */
final class InProcess implements InfrastructureProvider {

  private static final Logger log = LoggerFactory.getLogger(InProcess.class);

  /** What a single node needs: nothing may ask for more replicas than there are brokers. */
  private static final Map<String, String> BROKER_PROPERTIES =
      Map.ofEntries(
          Map.entry("offsets.topic.replication.factor", "1"),
          Map.entry("transaction.state.log.replication.factor", "1"),
          Map.entry("transaction.state.log.min.isr", "1"),
          Map.entry("share.coordinator.state.topic.replication.factor", "1"),
          Map.entry("share.coordinator.state.topic.min.isr", "1"),
          // fifty partitions per internal topic cost seconds on first use; one is plenty here
          Map.entry("offsets.topic.num.partitions", "1"),
          Map.entry("transaction.state.log.num.partitions", "1"),
          Map.entry("share.coordinator.state.topic.num.partitions", "1"),
          Map.entry("group.initial.rebalance.delay.ms", "0"),
          Map.entry("auto.create.topics.enable", "true"));

  /** Global properties the embedded broker sets on start; see {@link #startKafka()}. */
  private static final String[] PROPERTIES_IT_SETS = {
    EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, "spring.kafka.bootstrap-servers"
  };

  @Override
  public String name() {
    return "in-process KRaft broker";
  }

  @Override
  public KafkaBroker startKafka() {
    long started = System.nanoTime();
    var broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(BROKER_PROPERTIES);
    // The embedded broker publishes its address in system properties. Put them back, so a
    // dedicated broker never redirects Spring tests reading them; registerKafka is the way in.
    Map<String, String> before = snapshot();
    try {
      broker.afterPropertiesSet();
    } finally {
      restore(before);
    }
    String bootstrapServers = broker.getBrokersAsString();
    log.info(
        "In-process Kafka broker up at {} in {} ms",
        bootstrapServers,
        (System.nanoTime() - started) / 1_000_000);
    return new RunningBroker(bootstrapServers, "in-process broker", broker::destroy);
  }

  private static Map<String, String> snapshot() {
    Map<String, String> values = new HashMap<>();
    for (String key : PROPERTIES_IT_SETS) {
      values.put(key, System.getProperty(key));
    }
    return values;
  }

  private static void restore(Map<String, String> values) {
    values.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
  }
}
