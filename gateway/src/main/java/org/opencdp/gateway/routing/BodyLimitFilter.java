package org.opencdp.gateway.routing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.opencdp.gateway.GatewayErrorCode;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.problem.Problems;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the route's limit: at once when the declared length is over, and while
 * streaming when a body without a length grows past it.
 */
final class BodyLimitFilter extends OncePerRequestFilter {

  private final BodyLimitProperties limits;

  BodyLimitFilter(BodyLimitProperties limits) {
    this.limits = limits;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isForm(request.getContentType())) {
      // Spring rebuilds a form body from its parameters when proxying, which would corrupt the
      // JSON that clients such as `curl -d` send under this type: refuse it rather than mangle it.
      Problems.write(
          response,
          request,
          new ProblemException(
                  PlatformErrorCode.UNSUPPORTED_MEDIA_TYPE,
                  "OpenCDP's APIs take JSON, NDJSON or CSV, not form data: send Content-Type"
                      + " application/json")
              .field("Content-Type"));
      return;
    }
    long limit = limits.limitFor(request.getRequestURI());
    if (limit < 0) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getContentLengthLong() > limit) {
      Problems.write(response, request, tooLarge(limit));
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  private static boolean isForm(String contentType) {
    return contentType != null
        && contentType
            .toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded");
  }

  static ProblemException tooLarge(long limit) {
    return new ProblemException(
            GatewayErrorCode.BODY_TOO_LARGE,
            "The request body is larger than this route's limit of " + limit + " bytes")
        .rule("max-size");
  }

  /** Thrown while reading a body that has passed its limit. */
  static final class BodyLimitExceeded extends IOException {
    final long limit;

    BodyLimitExceeded(long limit) {
      super("Request body over " + limit + " bytes");
      this.limit = limit;
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    Counting(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyLimitExceeded {
      read += n;
      if (read > limit) {
        throw new BodyLimitExceeded(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
