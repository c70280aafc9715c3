package org.opencdp.quality.lake;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where and how the lake is written ({@code cdp.lake.*}).
 *
 * @param root the lake's root folder ({@code ${cdp.data-dir}/lake} in application.yml)
 * @param targetFileSize a partition's buffer is rolled into a file once its rows reach about this
 *     size (uncompressed estimate)
 * @param maxFileAge a buffered row waits at most this long before it is written: the lake's
 *     freshness
 * @param maxBufferedRows rows buffered across all partitions before everything is written, bounding
 *     memory
 * @param rowGroupSize Parquet row-group size
 */
@ConfigurationProperties("cdp.lake")
public record LakeProperties(
    @DefaultValue("./data/lake") Path root,
    @DefaultValue("64MB") DataSize targetFileSize,
    @DefaultValue("2s") Duration maxFileAge,
    @DefaultValue("200000") int maxBufferedRows,
    @DefaultValue("64MB") DataSize rowGroupSize) {

  public LakeProperties {
    if (maxBufferedRows < 1) {
      throw new IllegalArgumentException("cdp.lake.max-buffered-rows must be at least 1");
    }
    if (maxFileAge.isNegative() || maxFileAge.isZero()) {
      throw new IllegalArgumentException("cdp.lake.max-file-age must be positive");
    }
  }
}
