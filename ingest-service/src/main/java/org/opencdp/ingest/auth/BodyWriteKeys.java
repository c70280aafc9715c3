package org.opencdp.ingest.auth;

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
import java.util.Set;
import org.opencdp.event.EventCodec;
import org.opencdp.servicekit.auth.InternalAuthAutoConfiguration;
import org.opencdp.servicekit.problem.ProblemException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;

/**
 * Segment's server libraries (analytics-java among them) send the write key inside the JSON body
 * ({@code "writeKey":"..."}) instead of HTTP Basic. For such a request, with no Authorization
 * header, this filter reads the bounded body once, takes the key and presents it as Basic
 * credentials to the normal authentication, replaying the body to the endpoint unchanged.
 */
@Component
@Order(InternalAuthAutoConfiguration.FILTER_ORDER - 10)
class BodyWriteKeys extends OncePerRequestFilter {

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

  private final EventCodec codec;

  BodyWriteKeys(EventCodec codec) {
    this.codec = codec;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String contentType = request.getContentType();
    return !"POST".equals(request.getMethod())
        || request.getHeader("Authorization") != null
        || !PATHS.contains(request.getRequestURI())
        || (contentType != null && !contentType.toLowerCase().contains("json"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    int limit = codec.limits().maxBatchBytes();
    byte[] body;
    try (InputStream in = org.opencdp.ingest.web.RequestBodies.open(request)) {
      body = in.readNBytes(limit + 1);
    } catch (ProblemException | IOException unreadable) {
      // Let authentication refuse it: no credentials were presented that we could read.
      chain.doFilter(new Replayed(request, new byte[0], null), response);
      return;
    }
    String key = body.length > limit ? null : writeKey(body);
    chain.doFilter(new Replayed(request, body, key), response);
  }

  private String writeKey(byte[] body) {
    try {
      JsonNode key = codec.readObject(body).get("writeKey");
      return key != null && key.isString() && !key.stringValue().isBlank()
          ? key.stringValue()
          : null;
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  /** The request with its (decompressed) body replayed and the body's key as Basic auth. */
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
      if (name.equalsIgnoreCase("Authorization")) {
        return authorization;
      }
      if (name.equalsIgnoreCase("Content-Encoding")) {
        return null;
      }
      return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      String value = getHeader(name);
      if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Content-Encoding")) {
        return value == null
            ? Collections.emptyEnumeration()
            : Collections.enumeration(Set.of(value));
      }
      return super.getHeaders(name);
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
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
