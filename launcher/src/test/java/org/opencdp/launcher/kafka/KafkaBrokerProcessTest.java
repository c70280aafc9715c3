package org.opencdp.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.opencdp.launcher.process.Backoff;
import org.opencdp.launcher.process.Readiness;
import org.opencdp.launcher.process.RunDirectory;
import org.opencdp.launcher.process.Supervised;
import org.opencdp.launcher.process.Supervisor;

class KafkaBrokerProcessTest {

  @Test
  void brokerProcessTakesAndServesARecordThenStops() throws Exception {
    Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "broker");
    KafkaBroker broker =
        new KafkaBroker(
            data.resolve("kafka"),
            freePort(),
            freePort(),
            data.resolve("logs"),
            data.resolve("tmp"));
    broker.prepare(Duration.ofSeconds(60));
    assertThat(data.resolve("kafka/data/meta.properties")).exists();

    RunDirectory run = new RunDirectory(data);
    try (Supervisor supervisor = new Supervisor(run, Backoff.standard(), message -> {})) {
      Supervised process = supervisor.start(broker.spec());
      assertThat(run.readPid("kafka")).contains(process.pid());
      awaitReady(broker.spec().readiness(), Duration.ofSeconds(45));

      String topic = "launcher.test";
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker))) {
        producer.send(new ProducerRecord<>(topic, "k", "hello broker")).get();
      }
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(broker))) {
        consumer.subscribe(List.of(topic));
        String value = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (value == null && System.nanoTime() < deadline) {
          ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
          if (!records.isEmpty()) {
            value = records.iterator().next().value();
          }
        }
        assertThat(value).isEqualTo("hello broker");
      }

      supervisor.stopAll(Duration.ofSeconds(20));
      assertThat(process.isAlive()).isFalse();
      assertThat(run.pidFile("kafka")).doesNotExist();
      assertThat(run.logFile("kafka")).content().contains("Kafka Server started");
    }
  }

  private static void awaitReady(Readiness readiness, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (readiness.check() != Readiness.State.READY) {
      assertThat(System.nanoTime()).as("broker ready within %s", timeout).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static Map<String, Object> producerConfig(KafkaBroker broker) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrap(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.ACKS_CONFIG,
        "all");
  }

  private static Properties consumerConfig(KafkaBroker broker) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "launcher-test");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return props;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
