package org.opencdp.quality.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opencdp.event.RecordKeys;
import org.opencdp.event.SegmentEvent;
import org.opencdp.quality.TestEvents;
import org.opencdp.testkit.Infrastructure;

/** Produces enriched events to a raw topic of a test's own, as ingest-service does. */
final class Producing implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  Producing(String topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                // a stalled producer fails the test with a reason instead of hanging it
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                40_000),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /**
   * Creates the topics and waits until each partition's leader answers for its log, not only the
   * metadata: a produce arriving in between is refused with NOT_LEADER_OR_FOLLOWER, and an
   * idempotent producer can then stall on OUT_OF_ORDER_SEQUENCE_NUMBER.
   */
  static void createTopics(int partitions, String... topics) {
    Infrastructure.kafka().createTopics(partitions, topics);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (String topic : topics) {
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
      admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("topics not writable: " + List.of(topics), e);
    }
  }

  /** Sends orders {@code m-<from>..m-<to-1>} of tenant {@code tenant} and waits for the acks. */
  List<String> orders(String tenant, String prefix, int from, int to) {
    List<String> ids = new ArrayList<>();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    Instant base = Instant.parse("2026-12-03T08:00:00.000001Z");
    for (int i = from; i < to; i++) {
      String id = prefix + i;
      SegmentEvent event = TestEvents.order(tenant, id, base.plusMillis(i * 7L), i % 100 + 0.5);
      acks.add(
          producer.send(
              new ProducerRecord<>(
                  topic, RecordKeys.event(tenant, event), TestEvents.encode(event))));
      ids.add(id);
    }
    awaitAll(acks);
    return ids;
  }

  /** Sends raw bytes as an external producer might. */
  void raw(String tenantHeader, byte[] value) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "k", value);
    if (tenantHeader != null) {
      record.headers().add("cdp-tenant", tenantHeader.getBytes(StandardCharsets.UTF_8));
    }
    awaitAll(List.of(producer.send(record)));
  }

  private static void awaitAll(List<Future<RecordMetadata>> acks) {
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("produce failed", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
