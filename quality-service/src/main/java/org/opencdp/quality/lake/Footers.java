package org.opencdp.quality.lake;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;

/**
 * Reads a Parquet file's key-value metadata straight from its footer ({@code <metadata> <length
 * int32 LE> PAR1}). parquet-java's own reader builds Hadoop's codec factory in {@code
 * ParquetReadOptions}, which fails without Hadoop on the class path; this does not.
 */
final class Footers {

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private Footers() {}

  static Map<String, String> keyValueMetadata(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 12) {
        throw new IOException(file + " is too short to be a Parquet file");
      }
      ByteBuffer tail = read(channel, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
      int length = tail.getInt();
      byte[] magic = new byte[4];
      tail.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + " does not end with the Parquet magic (encrypted footer?)");
      }
      if (length <= 0 || length > size - 12) {
        throw new IOException(file + " has a footer length of " + length);
      }
      ByteBuffer footer = read(channel, size - 8 - length, length);
      FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
      Map<String, String> out = new HashMap<>();
      if (metadata.isSetKey_value_metadata()) {
        for (KeyValue kv : metadata.getKey_value_metadata()) {
          if (kv.getValue() != null) {
            out.put(kv.getKey(), kv.getValue());
          }
        }
      }
      return Map.copyOf(out);
    }
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new EOFException("unexpected end of file");
      }
    }
    return buffer.flip();
  }
}
