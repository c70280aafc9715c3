package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options built without Hadoop. {@link ParquetReadOptions.Builder}'s constructors create
 * Hadoop's codec factory before {@code withCodecFactory} can replace it, which fails where no
 * Hadoop class is on the class path (the packaged quality-service); the options' own constructor is
 * package-private, hence this class in parquet's package. NoHadoopTest guards it.
 */
public final class PlainReadOptions {

  private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

  private PlainReadOptions() {}

  /** Plain full reads: no filters, no checksum verification, no vectored I/O. */
  public static ParquetReadOptions of(CompressionCodecFactory codecs) {
    return new ParquetReadOptions(
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        FilterCompat.NOOP,
        ParquetMetadataConverter.NO_FILTER,
        codecs,
        new HeapByteBufferAllocator(),
        MAX_ALLOCATION,
        Map.of(),
        null,
        null,
        new PlainParquetConfiguration());
  }
}
