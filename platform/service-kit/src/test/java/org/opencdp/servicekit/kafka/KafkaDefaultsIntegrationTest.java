package org.opencdp.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.event.Topics;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Service-kit's Kafka defaults against a real (in-process KRaft) broker. */
class KafkaDefaultsIntegrationTest {

  private static EmbeddedKafkaKraftBroker broker;
  private static ConfigurableApplicationContext context;

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({KafkaAutoConfiguration.class, ServiceKafkaAutoConfiguration.class})
  static class KafkaOnly {}

  @BeforeAll
  static void start() {
    broker = new EmbeddedKafkaKraftBroker(1, 1).kafkaPorts(0);
    broker.afterPropertiesSet();
    context =
        new SpringApplicationBuilder(KafkaOnly.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "cdp.kafka.partitions=2",
                "spring.kafka.producer.properties.linger.ms=0")
            .run();
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    if (broker != null) {
      broker.destroy();
    }
  }

  @Test
  void createsAllSixTopicsAtStartup() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(
                  List.of(
                      Topics.RAW_EVENTS,
                      Topics.CLEAN_EVENTS,
                      Topics.QUARANTINE_EVENTS,
                      Topics.RAW_DOCUMENTS,
                      Topics.RECO_FEEDBACK,
                      Topics.INSIGHT_ALERTS))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS);
      assertThat(topics).hasSize(6);
      assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(2));
    }
  }

  @Test
  void producesIdempotentlyWithAcksAllAndLz4() throws Exception {
    KafkaTemplate<?, ?> template = context.getBean(KafkaTemplate.class);
    Map<String, Object> config = template.getProducerFactory().getConfigurationProperties();

    assertThat(config)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65536)
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000")
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000")
        .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
        .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    // the application's own setting wins over the default
    assertThat(config).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "0");

    @SuppressWarnings("unchecked")
    KafkaTemplate<String, byte[]> bytes = (KafkaTemplate<String, byte[]>) template;
    RecordMetadata sent =
        bytes
            .send(Topics.RAW_EVENTS, "acme:u1", "{\"type\":\"track\"}".getBytes())
            .get(10, TimeUnit.SECONDS)
            .getRecordMetadata();
    assertThat(sent.topic()).isEqualTo(Topics.RAW_EVENTS);
  }

  @Test
  void consumesOnlyCommittedRecordsAndCommitsExplicitly() {
    ConsumerFactory<?, ?> consumers = context.getBean(ConsumerFactory.class);
    Map<String, Object> config = consumers.getConfigurationProperties();

    assertThat(config)
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500)
        .containsEntry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
        .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
  }

  @Test
  void reportsKafkaUpWhenTheBrokerAnswers() {
    assertThat(context.getBean(KafkaHealthIndicator.class).health().getStatus())
        .isEqualTo(Status.UP);
  }
}
