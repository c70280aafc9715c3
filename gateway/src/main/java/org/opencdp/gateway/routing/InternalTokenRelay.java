package org.opencdp.gateway.routing;

import java.util.function.Function;
import org.opencdp.gateway.keys.Caller;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Replaces the client's credential with the internal token for the caller the access filter found.
 * Without a caller nothing is forwarded: a route reached some other way still fails shut.
 *
 * <p>Two parts: before the call, as a route filter, it refuses a request without a caller; then, as
 * the last of the proxy's request header filters, it writes the headers sent downstream. The
 * headers are rewritten in the copy the proxy makes anyway rather than in a rebuilt request.
 */
final class InternalTokenRelay implements HttpHeadersFilter.RequestHttpHeadersFilter, Ordered {

  /** Headers only the gateway may set towards services. */
  private static final String INTERNAL_HEADER_PREFIX = "x-cdp-";

  private final InternalTokenSigner signer;

  InternalTokenRelay(InternalTokenSigner signer) {
    this.signer = signer;
  }

  /** The route filter: a request reaches the proxy only with the caller the access filter set. */
  Function<ServerRequest, ServerRequest> requireCaller() {
    return request -> {
      caller(request);
      return request;
    };
  }

  /** The headers towards the service: the client's credentials out, the internal token in. */
  @Override
  public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
    String token = signer.sign(caller(request).identity());
    HttpHeaders headers = new HttpHeaders();
    input.forEach(
        (name, values) -> {
          if (!stripped(name)) {
            headers.addAll(name, values);
          }
        });
    headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    return headers;
  }

  private static boolean stripped(String name) {
    return name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
        || name.equalsIgnoreCase(HttpHeaders.PROXY_AUTHORIZATION)
        || name.equalsIgnoreCase(HttpHeaders.COOKIE)
        || name.regionMatches(true, 0, INTERNAL_HEADER_PREFIX, 0, INTERNAL_HEADER_PREFIX.length());
  }

  private static Caller caller(ServerRequest request) {
    return Caller.of(request.servletRequest())
        .orElseThrow(
            () -> new ProblemException(PlatformErrorCode.UNAUTHENTICATED, "No authenticated key"));
  }

  /** After every other request header filter, so that nothing adds a credential back. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
