package org.opencdp.quality.intake;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.SourceCoverage;
import org.opencdp.quality.lake.SourcePartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's consumer positions against what the lake holds: which source records are already in
 * a durable file, how far each partition may be committed (never past a record still only in
 * memory), and where to seek after an assignment or a failure. Owned by one intake thread.
 */
final class Positions {

  private static final Logger log = LoggerFactory.getLogger(Positions.class);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

  private final Lake lake;
  private final PartitionBuffers buffers;
  private SourceCoverage inLake = new SourceCoverage();

  Positions(Lake lake, PartitionBuffers buffers) {
    this.lake = lake;
    this.buffers = buffers;
  }

  /** Whether a durable lake file already holds this record. */
  boolean inLake(SourcePartition source, long offset) {
    return inLake.of(source).contains(offset);
  }

  /** A file holding {@code coverage} is durable. */
  void landed(SourceCoverage coverage) {
    inLake.addAll(coverage);
  }

  /** Commits, per assigned partition, up to the first record not yet durable in the lake. */
  void commit(Consumer<String, byte[]> c) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : c.assignment()) {
      SourcePartition source = new SourcePartition(tp.topic(), tp.partition());
      long next = buffers.lowestUnwritten(source).orElse(c.position(tp));
      offsets.put(tp, new OffsetAndMetadata(next));
    }
    if (!offsets.isEmpty()) {
      c.commitSync(offsets, COMMIT_TIMEOUT);
    }
  }

  /**
   * Positions each partition at its committed offset (or the reset policy's), then past the run of
   * records the lake already holds from there.
   */
  void seekPastLake(
      Consumer<String, byte[]> c, Collection<TopicPartition> partitions, boolean toCommitted) {
    if (partitions.isEmpty()) {
      return;
    }
    inLake = lake.recordedCoverage(LakeTable.EVENTS, LakeTable.QUARANTINE);
    Map<TopicPartition, OffsetAndMetadata> committed =
        toCommitted ? c.committed(Set.copyOf(partitions)) : Map.of();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata at = committed.get(tp);
      if (toCommitted) {
        if (at != null) {
          c.seek(tp, at.offset());
        } else {
          c.seekToBeginning(List.of(tp));
        }
      }
      long position = c.position(tp);
      long past =
          inLake.of(new SourcePartition(tp.topic(), tp.partition())).firstMissingFrom(position);
      if (past > position) {
        log.info(
            "{}: the lake already holds offsets {}..{}, seeking past them", tp, position, past - 1);
        c.seek(tp, past);
      }
    }
  }
}
