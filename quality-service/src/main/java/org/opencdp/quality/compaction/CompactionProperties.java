package org.opencdp.quality.compaction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Background compaction of the lake's {@code events} table ({@code cdp.lake.compaction.*}).
 *
 * @param enabled whether this process compacts at all
 * @param interval the pause between two compaction runs over every partition
 * @param minFiles a partition is compacted only once it has at least this many small files
 * @param minFileAge a file is compacted only once it is at least this old (by modification time),
 *     so that readers that just listed it can still read it
 * @param targetSize a file of this size or more on disk is left alone, and one run merges files
 *     adding up to about this much
 * @param maxInputs the most files one compaction merges (one row group of each is in memory)
 * @param lockTimeout a partition's lock older than this is taken to be left by a crashed process
 */
@ConfigurationProperties("cdp.lake.compaction")
public record CompactionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") Duration interval,
    @DefaultValue("8") int minFiles,
    @DefaultValue("60s") Duration minFileAge,
    @DefaultValue("64MB") DataSize targetSize,
    @DefaultValue("64") int maxInputs,
    @DefaultValue("10m") Duration lockTimeout) {

  public CompactionProperties {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("cdp.lake.compaction.interval must be positive");
    }
    if (minFiles < 2) {
      throw new IllegalArgumentException("cdp.lake.compaction.min-files must be at least 2");
    }
    if (maxInputs < minFiles) {
      throw new IllegalArgumentException(
          "cdp.lake.compaction.max-inputs must be at least min-files (" + minFiles + ")");
    }
    if (minFileAge.isNegative()) {
      throw new IllegalArgumentException("cdp.lake.compaction.min-file-age must not be negative");
    }
    if (targetSize.toBytes() < 1) {
      throw new IllegalArgumentException("cdp.lake.compaction.target-size must be positive");
    }
    if (lockTimeout.isNegative() || lockTimeout.isZero()) {
      throw new IllegalArgumentException("cdp.lake.compaction.lock-timeout must be positive");
    }
  }
}
