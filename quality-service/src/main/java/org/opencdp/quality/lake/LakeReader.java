package org.opencdp.quality.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.PlainReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads chosen columns of one lake file back, without Hadoop: the file's own snappy codec factory
 * and a plain configuration, as the writer. For the service's own bookkeeping (deduplication,
 * quarantine index rebuild), not for queries.
 */
public final class LakeReader {

  private LakeReader() {}

  /**
   * The values of {@code columns} in every row, as strings (binary columns), longs, doubles or
   * null; each row a map.
   */
  public static List<Map<String, Object>> read(Path file, List<String> columns) {
    ParquetReadOptions options = PlainReadOptions.of(SnappyCodecs.INSTANCE);
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      List<Type> fields = new ArrayList<>();
      for (String column : columns) {
        if (schema.containsField(column)) {
          fields.add(schema.getType(column));
        }
      }
      MessageType projection = new MessageType(schema.getName(), fields);
      reader.setRequestedSchema(projection);
      List<Map<String, Object>> rows = new ArrayList<>();
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(projection)
                .getRecordReader(pages, new GroupRecordConverter(projection));
        for (long i = 0; i < pages.getRowCount(); i++) {
          rows.add(row(records.read(), projection));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static Map<String, Object> row(Group group, MessageType projection) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < projection.getFieldCount(); i++) {
      Type type = projection.getType(i);
      if (group.getFieldRepetitionCount(i) == 0) {
        row.put(type.getName(), null);
        continue;
      }
      PrimitiveType.PrimitiveTypeName primitive = type.asPrimitiveType().getPrimitiveTypeName();
      Object value =
          switch (primitive) {
            case INT64 -> group.getLong(i, 0);
            case INT32 -> (long) group.getInteger(i, 0);
            case DOUBLE -> group.getDouble(i, 0);
            case BINARY -> group.getBinary(i, 0).getBytes();
            default -> group.getValueToString(i, 0);
          };
      row.put(type.getName(), value);
    }
    return row;
  }
}
