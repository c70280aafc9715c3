package org.opencdp.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** A broker this JVM started, whichever way, and the action that stops it. */
final class RunningBroker implements KafkaBroker {

  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

  private final String bootstrapServers;
  private final String description;
  private final AutoCloseable shutdown;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Runnable stopAtExit = this::stop;

  RunningBroker(String bootstrapServers, String description, AutoCloseable shutdown) {
    this.bootstrapServers = bootstrapServers;
    this.description = description;
    this.shutdown = shutdown;
    AtExit.register(stopAtExit);
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void createTopics(int partitions, String... names) {
    List<NewTopic> topics =
        Arrays.stream(names)
            .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
            .toList();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(topics).values().forEach(RunningBroker::awaitCreated);
      awaitLeaders(admin, List.of(names));
    }
  }

  @Override
  public List<ConsumedRecord> consume(String topic, int count, Duration timeout) {
    try (var reader = new TopicReader(bootstrapServers)) {
      return reader.consume(topic, count, timeout);
    }
  }

  @Override
  public List<ConsumedRecord> readAll(String topic, Duration timeout) {
    try (var reader = new TopicReader(bootstrapServers)) {
      return reader.readAll(topic, timeout);
    }
  }

  @Override
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      AtExit.forget(stopAtExit);
      try {
        shutdown.close();
      } catch (Exception e) {
        throw new IllegalStateException("Could not stop " + this, e);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return description + " at " + bootstrapServers;
  }

  private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
    try {
      creation.get(TOPIC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic " + topic, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + topic, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Topic " + topic + " not created within " + TOPIC_TIMEOUT);
    }
  }

  /** Created is not yet usable: a producer arriving before the leaders does not get metadata. */
  private static void awaitLeaders(Admin admin, List<String> topics) {
    var deadline = Deadline.after(TOPIC_TIMEOUT);
    while (!deadline.passed()) {
      if (everyPartitionLed(admin, topics)) {
        return;
      }
      Deadline.pause(RETRY_PAUSE);
    }
    throw new IllegalStateException(
        "Topics " + topics + " have partitions without a leader after " + TOPIC_TIMEOUT);
  }

  private static boolean everyPartitionLed(Admin admin, List<String> topics) {
    try {
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
      return descriptions.values().stream()
          .flatMap(description -> description.partitions().stream())
          .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    } catch (ExecutionException | TimeoutException notYet) {
      return false; // the broker's metadata has not caught up with the controller yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for topics " + topics, e);
    }
  }
}
