package org.opencdp.quality.lake;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet's page compression over snappy-java, so that neither writing nor reading a footer ever
 * reaches for Hadoop's codec classes (which are not on the run-time class path).
 */
final class SnappyCodecs implements CompressionCodecFactory {

  static final SnappyCodecs INSTANCE = new SnappyCodecs();

  private static final BytesInputCompressor COMPRESSOR =
      new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
          return BytesInput.from(Snappy.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
          return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {}
      };

  private static final BytesInputDecompressor DECOMPRESSOR =
      new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
          byte[] out = new byte[uncompressedSize];
          int n = Snappy.uncompress(bytes.toByteArray(), 0, (int) bytes.size(), out, 0);
          if (n != uncompressedSize) {
            throw new IOException("snappy page is " + n + " bytes, expected " + uncompressedSize);
          }
          return BytesInput.from(out);
        }

        @Override
        public void decompress(
            ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
            throws IOException {
          byte[] in = new byte[compressedSize];
          input.get(in);
          byte[] out = decompress(BytesInput.from(in), uncompressedSize).toByteArray();
          output.put(out);
        }

        @Override
        public void release() {}
      };

  private SnappyCodecs() {}

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return switch (codec) {
      case SNAPPY -> COMPRESSOR;
      case UNCOMPRESSED -> Uncompressed.INSTANCE;
      default -> throw new IllegalArgumentException("the lake writes snappy only, not " + codec);
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return switch (codec) {
      case SNAPPY -> DECOMPRESSOR;
      case UNCOMPRESSED -> Uncompressed.INSTANCE;
      default -> throw new IllegalArgumentException("cannot read " + codec + " pages");
    };
  }

  @Override
  public void release() {}

  private enum Uncompressed implements BytesInputCompressor, BytesInputDecompressor {
    INSTANCE;

    @Override
    public BytesInput compress(BytesInput bytes) {
      return bytes;
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.UNCOMPRESSED;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
      return bytes;
    }

    @Override
    public void decompress(
        ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
      ByteBuffer slice = input.slice();
      slice.limit(compressedSize);
      output.put(slice);
    }

    @Override
    public void release() {}
  }
}
