package org.opencdp.servicekit.kafka;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.opencdp.event.Topics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The platform's topic names as a bean, their creation, the Kafka readiness check, and native LZ4
 * for Kafka's compression ({@link NativeLz4}).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(KafkaProperties.class)
public final class ServiceKafkaAutoConfiguration {

  /** Below a readiness probe's usual timeout, above a healthy broker's answer time. */
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

  ServiceKafkaAutoConfiguration() {
    NativeLz4.load(ServiceKafkaAutoConfiguration.class.getClassLoader());
  }

  @Bean
  @ConditionalOnMissingBean
  Topics topics(KafkaProperties props) {
    return props.topics();
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "cdp.kafka.create-topics", matchIfMissing = true)
  KafkaAdmin.NewTopics opencdpTopics(KafkaProperties props) {
    return new KafkaAdmin.NewTopics(newTopics(props).toArray(NewTopic[]::new));
  }

  static List<NewTopic> newTopics(KafkaProperties props) {
    Topics t = props.topics();
    return Stream.of(
            t.rawEvents(),
            t.cleanEvents(),
            t.quarantineEvents(),
            t.rawDocuments(),
            t.recoFeedback(),
            t.insightAlerts())
        .map(
            name ->
                TopicBuilder.name(name)
                    .partitions(props.partitions())
                    .replicas(props.replicationFactor())
                    .build())
        .toList();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(KafkaAdmin.class)
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
      return new KafkaHealthIndicator(admin.getConfigurationProperties(), HEALTH_TIMEOUT);
    }
  }
}
