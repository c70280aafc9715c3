package org.opencdp.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.opencdp.ingest.IngestErrorCode;
import org.opencdp.servicekit.problem.ProblemException;

/**
 * Reads request bodies with a hard size bound, decompressing {@code Content-Encoding: gzip} as
 * Segment clients send it. The bound applies to the decompressed bytes, so a small gzip bomb is
 * refused like a large body.
 */
public final class RequestBodies {

  private RequestBodies() {}

  /** The body's stream, decompressed when it is gzip; unknown encodings are refused. */
  public static InputStream open(HttpServletRequest request) throws IOException {
    String encoding = request.getHeader("Content-Encoding");
    InputStream raw = request.getInputStream();
    if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
      return raw;
    }
    String normalized = encoding.strip().toLowerCase(Locale.ROOT);
    if (normalized.equals("gzip") || normalized.equals("x-gzip")) {
      try {
        return new GZIPInputStream(raw, 8192);
      } catch (ZipException | java.io.EOFException e) {
        throw notGzip();
      }
    }
    throw new ProblemException(
            IngestErrorCode.UNSUPPORTED_ENCODING,
            "Content-Encoding '" + excerpt(encoding) + "' is not supported; send gzip or nothing")
        .field("Content-Encoding");
  }

  /**
   * Reads the whole body, refusing it with {@code tooLarge} as soon as it passes {@code limit}
   * bytes (never buffering more than the limit).
   */
  public static byte[] read(HttpServletRequest request, int limit, IngestErrorCode tooLarge)
      throws IOException {
    long declared = request.getContentLengthLong();
    boolean compressed = request.getHeader("Content-Encoding") != null;
    if (!compressed && declared > limit) {
      throw tooLarge(tooLarge, declared, limit);
    }
    try (InputStream in = open(request)) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge(tooLarge, -1, limit);
      }
      return body;
    } catch (ZipException | java.io.EOFException e) {
      if (compressed) {
        throw notGzip();
      }
      throw e;
    }
  }

  private static ProblemException tooLarge(IngestErrorCode code, long size, int limit) {
    String what = size >= 0 ? size + " bytes" : "more than " + limit + " bytes";
    return new ProblemException(code, "the body is " + what + "; the limit is " + limit + " bytes")
        .rule("max-size")
        .property("limitBytes", limit);
  }

  private static ProblemException notGzip() {
    return new ProblemException(
            IngestErrorCode.BAD_ENCODING,
            "the body says Content-Encoding gzip but is not valid gzip")
        .field("Content-Encoding");
  }

  private static String excerpt(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
  }
}
