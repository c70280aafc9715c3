package org.opencdp.servicekit.kafka;

import org.opencdp.event.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's topics and how service-kit creates them. Client settings (bootstrap servers,
 * producer and consumer tuning) stay under Boot's {@code spring.kafka.*}.
 *
 * @param topics topic names, each defaulting to ARCHITECTURE §5 ({@code
 *     cdp.kafka.topics.raw-events} and so on)
 * @param createTopics whether the topics are created at startup when missing
 * @param partitions partitions of each created topic
 * @param replicationFactor replicas of each created topic: 1 locally, 3 on a cluster
 */
@ConfigurationProperties("cdp.kafka")
public record KafkaProperties(
    @DefaultValue Topics topics,
    @DefaultValue("true") boolean createTopics,
    @DefaultValue("6") int partitions,
    @DefaultValue("1") short replicationFactor) {

  public KafkaProperties {
    topics = topics == null ? Topics.defaults() : topics;
    if (partitions < 1) {
      throw new IllegalArgumentException("cdp.kafka.partitions must be at least 1");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("cdp.kafka.replication-factor must be at least 1");
    }
  }
}
