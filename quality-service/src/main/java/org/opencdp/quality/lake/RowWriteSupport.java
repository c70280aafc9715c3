package org.opencdp.quality.lake;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.opencdp.event.lake.LakeColumn;
import org.opencdp.event.lake.LakeTable;

/** Writes rows of one lake table column by column; the file's key-value metadata rides along. */
final class RowWriteSupport<T> extends WriteSupport<T> {

  private final MessageType schema;
  private final List<LakeColumn> columns;
  private final BiFunction<T, String, Object> values;
  private final Map<String, String> metadata;
  private RecordConsumer out;

  RowWriteSupport(
      LakeTable table, BiFunction<T, String, Object> values, Map<String, String> metadata) {
    this.schema = ParquetSchemas.of(table);
    this.columns = table.fileColumns();
    this.values = values;
    this.metadata = Map.copyOf(metadata);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(schema, metadata);
  }

  /** Never called: the writer is always given a {@link ParquetConfiguration}, never Hadoop's. */
  @Override
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    return new WriteContext(schema, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(T row) {
    out.startMessage();
    for (int i = 0; i < columns.size(); i++) {
      LakeColumn column = columns.get(i);
      ParquetSchemas.write(out, column, i, values.apply(row, column.name()));
    }
    out.endMessage();
  }

  @Override
  public String getName() {
    return "opencdp";
  }
}
