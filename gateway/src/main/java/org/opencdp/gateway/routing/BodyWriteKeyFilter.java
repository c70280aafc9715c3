package org.opencdp.gateway.routing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Segment's server libraries (analytics-java among them) send the write key inside the JSON body
 * ({@code "writeKey":"..."}) instead of HTTP Basic. For such a request to an ingestion route, with
 * no Authorization header, this filter reads the bounded body once, takes the key and presents it
 * to the access filter as Basic credentials; the body is forwarded byte for byte (ingest-service
 * drops the field).
 */
final class BodyWriteKeyFilter extends OncePerRequestFilter {

  private static final Set<String> PATHS =
      Set.of(
          "/v1/track",
          "/v1/identify",
          "/v1/page",
          "/v1/screen",
          "/v1/group",
          "/v1/alias",
          "/v1/batch",
          "/v1/import",
          "/v1/import/");

  private static final JsonFactory JSON = new JsonFactory();

  private final BodyLimitProperties limits;

  BodyWriteKeyFilter(BodyLimitProperties limits) {
    this.limits = limits;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String contentType = request.getContentType();
    return !"POST".equals(request.getMethod())
        || request.getHeader(HttpHeaders.AUTHORIZATION) != null
        || !PATHS.contains(request.getRequestURI())
        || (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    int limit = (int) Math.min(Integer.MAX_VALUE - 8, limits.events().toBytes());
    if (request.getContentLengthLong() > limit) {
      // Too large to be one Segment batch: no credentials we could read, the access filter says
      // 401.
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(limit + 1);
    String key = body.length > limit ? null : writeKey(body, gzipped(request), limit);
    chain.doFilter(new Replayed(request, body, key), response);
  }

  private static boolean gzipped(HttpServletRequest request) {
    String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    return encoding != null
        && List.of("gzip", "x-gzip").contains(encoding.strip().toLowerCase(Locale.ROOT));
  }

  /** The top-level {@code writeKey} string of a JSON object, or null for anything else. */
  static String writeKey(byte[] body, boolean gzipped, int limit) {
    try (InputStream in = open(body, gzipped, limit);
        JsonParser parser = JSON.createParser(ObjectReadContext.empty(), in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("writeKey".equals(name)) {
          String key = value == JsonToken.VALUE_STRING ? parser.getString() : null;
          return key == null || key.isBlank() ? null : key;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException unreadable) {
      // Malformed or not JSON: no credentials were presented that we could read.
      return null;
    }
  }

  private static InputStream open(byte[] body, boolean gzipped, int limit) throws IOException {
    InputStream in = new ByteArrayInputStream(body);
    if (!gzipped) {
      return in;
    }
    // Bounded like the body itself, so a small gzip bomb cannot make the gateway inflate gigabytes.
    return new ByteArrayInputStream(new GZIPInputStream(in).readNBytes(limit));
  }

  /** The request with its body replayed and the body's key as Basic credentials. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;
    private final String authorization;

    Replayed(HttpServletRequest request, byte[] body, String key) {
      super(request);
      this.body = body;
      this.authorization =
          key == null
              ? null
              : "Basic "
                  + Base64.getEncoder()
                      .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getHeader(String name) {
      return name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
          ? authorization
          : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if (!name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)) {
        return super.getHeaders(name);
      }
      return authorization == null
          ? Collections.emptyEnumeration()
          : Collections.enumeration(List.of(authorization));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      if (authorization != null) {
        names.add(HttpHeaders.AUTHORIZATION);
      }
      return Collections.enumeration(names);
    }

    /** What was read first, then whatever the client is still sending: the body is unchanged. */
    @Override
    public ServletInputStream getInputStream() throws IOException {
      InputStream in =
          new java.io.SequenceInputStream(new ByteArrayInputStream(body), super.getInputStream());
      return new ServletInputStream() {
        private boolean finished;

        @Override
        public int read() throws IOException {
          int b = in.read();
          finished = b < 0;
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = in.read(b, off, len);
          finished = n < 0;
          return n;
        }

        @Override
        public boolean isFinished() {
          return finished;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already in memory");
        }
      };
    }
  }
}
