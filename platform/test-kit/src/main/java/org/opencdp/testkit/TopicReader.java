package org.opencdp.testkit;

import static java.util.Map.entry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning by assigning every partition to a consumer without a group, so a
 * test's reading never joins, rebalances or commits for a group a service uses.
 */
final class TopicReader implements AutoCloseable {

  private static final Duration STEP = Duration.ofMillis(200);

  private final String bootstrapServers;
  private final KafkaConsumer<String, byte[]> consumer;

  TopicReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Map<String, Object> config =
        Map.ofEntries(
            entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
            entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            // tests assert what downstream consumers see: not records of aborted transactions
            entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            // reading must not create the topic with broker defaults before the service does
            entry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
    this.consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  List<ConsumedRecord> consume(String topic, int count, Duration timeout) {
    var deadline = Deadline.after(timeout);
    List<TopicPartition> partitions = awaitPartitions(topic, deadline);
    if (partitions.isEmpty()) {
      return List.of();
    }
    readFromBeginning(partitions);
    List<ConsumedRecord> records = new ArrayList<>();
    while (records.size() < count && !deadline.passed()) {
      poll(deadline, records);
    }
    return List.copyOf(records.subList(0, Math.min(count, records.size())));
  }

  List<ConsumedRecord> readAll(String topic, Duration timeout) {
    var deadline = Deadline.after(timeout);
    List<TopicPartition> partitions = partitionsOf(topic, deadline.remaining(timeout));
    if (partitions.isEmpty()) {
      return List.of();
    }
    Map<TopicPartition, Long> ends = lastWritten(partitions, deadline);
    readFromBeginning(partitions);
    List<ConsumedRecord> records = new ArrayList<>();
    while (!deadline.passed() && !reached(ends, deadline)) {
      poll(deadline, records);
    }
    // what was produced after the call is not "currently in the topic"
    return records.stream()
        .filter(r -> r.offset() < ends.get(new TopicPartition(r.topic(), r.partition())))
        .toList();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }

  /**
   * The end of each partition counting records of unfinished transactions too. A read_committed
   * consumer's own end offsets stop short of a transaction whose commit markers are still being
   * written just after commitTransaction() returned; reading up to here waits for them instead.
   */
  private Map<TopicPartition, Long> lastWritten(
      List<TopicPartition> partitions, Deadline deadline) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin
          .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
          .all()
          .get(deadline.remaining(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS)
          .forEach((partition, info) -> ends.put(partition, info.offset()));
      return ends;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Could not read the end offsets of " + partitions, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading end offsets", e);
    }
  }

  /** A topic a service has yet to create is waited for, within the caller's timeout. */
  private List<TopicPartition> awaitPartitions(String topic, Deadline deadline) {
    List<TopicPartition> partitions = partitionsOf(topic, deadline.remaining(STEP));
    while (partitions.isEmpty() && !deadline.passed()) {
      Deadline.pause(deadline.remaining(STEP));
      partitions = partitionsOf(topic, deadline.remaining(STEP));
    }
    return partitions;
  }

  private List<TopicPartition> partitionsOf(String topic, Duration timeout) {
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      return infos == null
          ? List.of()
          : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    } catch (org.apache.kafka.common.errors.TimeoutException unknownYet) {
      return List.of();
    }
  }

  private void readFromBeginning(List<TopicPartition> partitions) {
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  private boolean reached(Map<TopicPartition, Long> ends, Deadline deadline) {
    try {
      return ends.entrySet().stream()
          .allMatch(
              end ->
                  consumer.position(end.getKey(), deadline.remaining(Duration.ofSeconds(5)))
                      >= end.getValue());
    } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
      return false;
    }
  }

  private void poll(Deadline deadline, List<ConsumedRecord> into) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(deadline.remaining(STEP))) {
      into.add(toConsumed(record));
    }
  }

  private static ConsumedRecord toConsumed(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      // a header without a value reads as empty text; a repeated header keeps its last value
      String value =
          header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
      headers.put(header.key(), value);
    }
    return new ConsumedRecord(
        record.topic(), record.partition(), record.offset(), record.key(), record.value(), headers);
  }
}
