package org.opencdp.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class SharedKafkaTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final KafkaBroker kafka = Infrastructure.kafka();

  @Test
  void readsBackWhatWasProduced() throws Exception {
    String topic = uniqueTopic();
    try (var producer = Producers.to(kafka)) {
      var record = new ProducerRecord<>(topic, "user-1", "{\"event\":\"signup\"}".getBytes(UTF_8));
      record.headers().add("tenant", "acme".getBytes(UTF_8));
      producer.send(record).get(10, TimeUnit.SECONDS);
    }

    List<ConsumedRecord> records = kafka.consume(topic, 1, TIMEOUT);

    assertThat(records)
        .singleElement()
        .satisfies(
            read -> {
              assertThat(read.topic()).isEqualTo(topic);
              assertThat(read.offset()).isZero();
              assertThat(read.key()).isEqualTo("user-1");
              assertThat(read.valueAsString()).isEqualTo("{\"event\":\"signup\"}");
              assertThat(read.headers()).containsExactly(Map.entry("tenant", "acme"));
            });
  }

  @Test
  void consumeReturnsWhatArrivedWhenTheTimeoutPasses() throws Exception {
    String topic = uniqueTopic();
    produce(topic, "a", "b");

    List<ConsumedRecord> records = kafka.consume(topic, 5, Duration.ofSeconds(2));

    assertThat(records).extracting(ConsumedRecord::valueAsString).containsExactly("a", "b");
  }

  @Test
  void consumeReturnsNoMoreThanAskedFor() throws Exception {
    String topic = uniqueTopic();
    produce(topic, "a", "b", "c");

    assertThat(kafka.consume(topic, 2, TIMEOUT))
        .extracting(ConsumedRecord::valueAsString)
        .containsExactly("a", "b");
  }

  @Test
  void consumeWaitsForATopicThatDoesNotExistYet() throws Exception {
    String topic = uniqueTopic();
    var later =
        CompletableFuture.runAsync(
            () -> {
              Deadline.pause(Duration.ofSeconds(1));
              produce(topic, "late");
            });

    List<ConsumedRecord> records = kafka.consume(topic, 1, TIMEOUT);

    later.get(10, TimeUnit.SECONDS);
    assertThat(records).extracting(ConsumedRecord::valueAsString).containsExactly("late");
  }

  @Test
  void readAllReturnsEverythingCurrentlyInTheTopic() throws Exception {
    String topic = uniqueTopic();
    kafka.createTopics(3, topic);
    produce(topic, "1", "2", "3", "4", "5", "6");

    List<ConsumedRecord> records = kafka.readAll(topic, TIMEOUT);

    assertThat(records)
        .extracting(ConsumedRecord::valueAsString)
        .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
  }

  @Test
  void readAllOfATopicThatDoesNotExistIsEmpty() {
    assertThat(kafka.readAll(uniqueTopic(), TIMEOUT)).isEmpty();
  }

  @Test
  void readsOnlyCommittedTransactions() throws Exception {
    String topic = uniqueTopic();
    kafka.createTopics(1, topic);
    try (var producer =
        Producers.to(kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "aborted".getBytes(UTF_8)));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "committed".getBytes(UTF_8)));
      producer.commitTransaction();
    }

    assertThat(kafka.readAll(topic, TIMEOUT))
        .extracting(ConsumedRecord::valueAsString)
        .containsExactly("committed");
  }

  @Test
  void createTopicsIsIdempotent() throws Exception {
    String topic = uniqueTopic();

    kafka.createTopics(3, topic);
    kafka.createTopics(3, topic, uniqueTopic());

    try (var admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      assertThat(description.partitions()).hasSize(3);
    }
  }

  @Test
  void everyTestGetsTheSameBroker() {
    assertThat(Infrastructure.kafka()).isSameAs(kafka);
  }

  @Test
  void theSharedBrokerRefusesToStop() {
    assertThatThrownBy(kafka::stop)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dedicatedKafka()");

    kafka.close();
    assertThat(kafka.readAll(uniqueTopic(), TIMEOUT)).isEmpty();
  }

  @Test
  void registersTheSharedBrokerForSpring() {
    Map<String, Supplier<Object>> registered = new HashMap<>();

    Infrastructure.registerKafka(registered::put);

    assertThat(registered).containsOnlyKeys("spring.kafka.bootstrap-servers");
    assertThat(registered.get("spring.kafka.bootstrap-servers").get())
        .isEqualTo(kafka.bootstrapServers());
  }

  private void produce(String topic, String... values) {
    try (KafkaProducer<String, byte[]> producer = Producers.to(kafka)) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value.getBytes(UTF_8))).get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String uniqueTopic() {
    return "test-kit." + UUID.randomUUID();
  }
}
