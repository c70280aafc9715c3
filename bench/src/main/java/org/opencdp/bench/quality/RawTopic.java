package org.opencdp.bench.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw topic: produced to with ingest-service's producer settings, and read back by a bare
 * {@code KafkaConsumer} with the platform's consumer settings and no processing (the baseline).
 */
final class RawTopic implements AutoCloseable {

  static final int PARTITIONS = 6; // cdp.kafka.partitions' default, as the services create it

  private final String bootstrap;
  private final String topic;
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicLong acked = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  RawTopic(String bootstrap, String topic) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("compression.type", "lz4");
    p.put("linger.ms", "5");
    p.put("batch.size", "65536");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** The partitions of the topic, created as the services would if no service did yet. */
  List<TopicPartition> partitions() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
      }
      TopicDescription d =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      return d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }
  }

  String topic() {
    return topic;
  }

  void send(ProducerRecord<String, byte[]> record) {
    producer.send(
        record,
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            acked.incrementAndGet();
          }
        });
  }

  /** Waits for every acknowledgement; fails if the broker refused any record. */
  long flush() {
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("produce failed", failure.get());
    }
    return acked.get();
  }

  /** Pre-produces records 0..n-1; returns records/s of producing (acknowledged). */
  double produce(BenchEvents events, long n) {
    long start = System.nanoTime();
    for (long i = 0; i < n; i++) {
      send(events.record(i, Instant.now()));
    }
    flush();
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /** The baseline: records/s of reading {@code n} records from the start, first record to last. */
  double consume(long n) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("enable.auto.commit", "false");
    p.put("isolation.level", "read_committed");
    p.put("max.poll.records", "500");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>(partitions());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long seen = 0;
      long first = 0;
      long firstNanos = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (seen < n && System.nanoTime() < deadline) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (firstNanos == 0 && !records.isEmpty()) {
          firstNanos = System.nanoTime();
          first = records.count();
        }
        seen += records.count();
      }
      if (seen < n) {
        throw new IllegalStateException("baseline read only " + seen + " of " + n);
      }
      return (seen - first) / ((System.nanoTime() - firstNanos) / 1e9);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
