package org.opencdp.quality.lake;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/** A ParquetWriter builder for {@link RowWriteSupport}, with no Hadoop type used at run time. */
final class RowsWriterBuilder<T> extends ParquetWriter.Builder<T, RowsWriterBuilder<T>> {

  private final RowWriteSupport<T> writeSupport;

  RowsWriterBuilder(OutputFile file, RowWriteSupport<T> writeSupport) {
    super(file);
    this.writeSupport = writeSupport;
  }

  @Override
  protected RowsWriterBuilder<T> self() {
    return this;
  }

  @Override
  protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
    return writeSupport;
  }

  @Override
  protected WriteSupport<T> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
    return writeSupport;
  }
}
