package org.opencdp.quality.lake;

import java.time.Duration;
import java.util.List;
import org.opencdp.event.lake.LakeTable;

/**
 * Told when a lake file has become durable and visible, on the thread that wrote it: it must return
 * at once (hand the work to a thread of its own) and never throw; what it throws is logged and
 * ignored, so that a listener can never fail or slow a write.
 */
public interface LakeListener {

  /** Listens to nothing. */
  LakeListener NONE = new LakeListener() {};

  /**
   * A file the intake wrote is durable and visible.
   *
   * @param partition the partition folder relative to the lake root, e.g. {@code
   *     events/tenant_id=acme/event_date=2026-12-03}
   */
  default void written(LakeTable table, String partition, LakeFile file) {}

  /**
   * A compacted file is durable and visible and its inputs are gone.
   *
   * @param partition the partition folder relative to the lake root
   * @param inputs the files it replaced
   * @param took how long the compaction took
   */
  default void compacted(
      LakeTable table,
      String partition,
      LakeFile file,
      List<CompactedInput> inputs,
      Duration took) {}
}
