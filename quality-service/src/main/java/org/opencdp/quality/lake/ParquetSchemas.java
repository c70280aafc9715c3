package org.opencdp.quality.lake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.opencdp.event.lake.LakeColumn;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.event.lake.LakeType;

/** The Parquet form of a lake table's file columns, and how one value of each type is written. */
final class ParquetSchemas {

  private ParquetSchemas() {}

  /** Every column optional, in the table's order. */
  static MessageType of(LakeTable table) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (LakeColumn column : table.fileColumns()) {
      switch (column.type()) {
        case STRING ->
            message
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(column.name());
        case JSON ->
            message
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.jsonType())
                .named(column.name());
        case BIGINT -> message.optional(PrimitiveTypeName.INT64).named(column.name());
        case DOUBLE -> message.optional(PrimitiveTypeName.DOUBLE).named(column.name());
        case TIMESTAMP ->
            message
                .optional(PrimitiveTypeName.INT64)
                .as(
                    LogicalTypeAnnotation.timestampType(
                        true, LogicalTypeAnnotation.TimeUnit.MICROS))
                .named(column.name());
        case DATE ->
            message
                .optional(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType())
                .named(column.name());
      }
    }
    return message.named("opencdp_" + table.folder());
  }

  /**
   * Writes field {@code index} unless the value is null (an absent optional field). Takes a row's
   * values as the writers hold them (String, UTF-8 JSON bytes, Instant, LocalDate) or as a lake
   * file holds them (bytes, epoch microseconds, epoch days), so compaction copies values unchanged.
   */
  static void write(RecordConsumer out, LakeColumn column, int index, Object value) {
    if (value == null) {
      return;
    }
    out.startField(column.name(), index);
    switch (column.type()) {
      case STRING, JSON ->
          out.addBinary(
              Binary.fromConstantByteArray(
                  value instanceof byte[] bytes
                      ? bytes // JSON the row made, or a value as read back from a lake file
                      : ((String) value).getBytes(StandardCharsets.UTF_8)));
      case BIGINT -> out.addLong(((Number) value).longValue());
      case DOUBLE -> out.addDouble(((Number) value).doubleValue());
      case TIMESTAMP ->
          out.addLong(
              value instanceof Number micros ? micros.longValue() : micros((Instant) value));
      case DATE ->
          out.addInteger(
              value instanceof Number day
                  ? day.intValue()
                  : (int) ((java.time.LocalDate) value).toEpochDay());
    }
    out.endField(column.name(), index);
  }

  /** Microseconds since the epoch; anything finer than a microsecond is truncated. */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static boolean isText(LakeType type) {
    return type == LakeType.STRING || type == LakeType.JSON;
  }
}
