package org.opencdp.quality.lake;

import java.util.Objects;

/** A partition of a source topic that rows of the lake were read from. */
public record SourcePartition(String topic, int partition) implements Comparable<SourcePartition> {

  public SourcePartition {
    Objects.requireNonNull(topic, "topic");
  }

  @Override
  public int compareTo(SourcePartition other) {
    int byTopic = topic.compareTo(other.topic);
    return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
