package org.opencdp.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.event.Topics;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class KafkaPropertiesTest {

  @Test
  void defaultsWorkWithNoConfiguration() {
    KafkaProperties props = bind(Map.of());

    assertThat(props.topics()).isEqualTo(Topics.defaults());
    assertThat(props.createTopics()).isTrue();
    assertThat(props.partitions()).isEqualTo(6);
    assertThat(props.replicationFactor()).isEqualTo((short) 1);
  }

  @Test
  void bindsDashedKeysAndKeepsDefaultsForTopicsNotNamed() {
    KafkaProperties props =
        bind(
            Map.of(
                "cdp.kafka.topics.raw-events", "acme.raw",
                "cdp.kafka.topics.insight-alerts", "acme.alerts",
                "cdp.kafka.create-topics", "false",
                "cdp.kafka.partitions", "12",
                "cdp.kafka.replication-factor", "3"));

    assertThat(props.topics().rawEvents()).isEqualTo("acme.raw");
    assertThat(props.topics().insightAlerts()).isEqualTo("acme.alerts");
    assertThat(props.topics().cleanEvents()).isEqualTo(Topics.CLEAN_EVENTS);
    assertThat(props.createTopics()).isFalse();
    assertThat(props.partitions()).isEqualTo(12);
    assertThat(props.replicationFactor()).isEqualTo((short) 3);
  }

  private static KafkaProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("cdp.kafka", KafkaProperties.class);
  }
}
