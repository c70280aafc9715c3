package org.opencdp.quality.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
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

  /** Per writing thread (the intake's writer, the compactor): a page's bytes before compression. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** A growable array that a page is written into, kept for the thread's next page. */
  private static final class Scratch extends OutputStream {
    byte[] bytes = new byte[1 << 16];
    int size;

    void reset() {
      size = 0;
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
      }
    }
  }

  private static final BytesInputCompressor COMPRESSOR =
      new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
          // the page is gathered into this thread's scratch array rather than a new one per page;
          // the compressed page is new: the page store keeps it until the row group is written
          Scratch in = SCRATCH.get();
          in.reset();
          bytes.writeAllTo(in);
          byte[] out = new byte[Snappy.maxCompressedLength(in.size)];
          int n = Snappy.rawCompress(in.bytes, 0, in.size, out, 0);
          return BytesInput.from(out, 0, n);
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
