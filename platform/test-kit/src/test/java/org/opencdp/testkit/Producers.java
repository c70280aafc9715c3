package org.opencdp.testkit;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers configured as the services configure theirs: acks=all, idempotent. */
final class Producers {

  private Producers() {}

  static KafkaProducer<String, byte[]> to(KafkaBroker broker, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putAll(overrides);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  static KafkaProducer<String, byte[]> to(KafkaBroker broker) {
    return to(broker, Map.of());
  }
}
