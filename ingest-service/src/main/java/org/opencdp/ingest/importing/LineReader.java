package org.opencdp.ingest.importing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines of raw bytes without ever holding more than one line (up to a bound):
 * an over-long line is skipped to its end and reported, never buffered whole.
 */
final class LineReader {

  /** One line; {@code bytes} is null when the line was longer than the bound. */
  record Line(long number, byte[] bytes, long length) {
    boolean tooLong() {
      return bytes == null;
    }
  }

  private final InputStream in;
  private final int maxLine;
  private final byte[] buffer = new byte[64 * 1024];
  private int pos;
  private int limit;
  private long lineNumber;
  private long bytesRead;

  LineReader(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
  }

  long bytesRead() {
    return bytesRead;
  }

  /** The next line without its line terminator (LF or CRLF), or null at the end. */
  Line next() throws IOException {
    byte[] line = new byte[256];
    int size = 0;
    long length = 0;
    boolean any = false;
    while (true) {
      if (pos == limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      byte b = buffer[pos++];
      if (b == '\n') {
        break;
      }
      length++;
      if (length <= maxLine + 1L) {
        if (size == line.length) {
          line = Arrays.copyOf(line, Math.min(line.length * 2, maxLine + 1));
        }
        line[size++] = b;
      }
    }
    lineNumber++;
    if (lineNumber == 1
        && size >= 3
        && line[0] == (byte) 0xEF
        && line[1] == (byte) 0xBB
        && line[2] == (byte) 0xBF) {
      // A UTF-8 byte order mark, as spreadsheet exports write it: not part of the first value.
      System.arraycopy(line, 3, line, 0, size - 3);
      size -= 3;
      length -= 3;
    }
    if (size > 0 && line[size - 1] == '\r' && length <= maxLine + 1L) {
      size--;
      length--;
    }
    if (length > maxLine) {
      return new Line(lineNumber, null, length);
    }
    return new Line(lineNumber, Arrays.copyOf(line, size), length);
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    bytesRead += n;
    return true;
  }
}
