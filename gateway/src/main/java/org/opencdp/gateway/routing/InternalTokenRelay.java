package org.opencdp.gateway.routing;

import java.util.Locale;
import java.util.function.Function;
import org.opencdp.gateway.keys.Caller;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Replaces the client's credential with the internal token for the caller the access filter found.
 * Without a caller nothing is forwarded: a route reached some other way still fails shut.
 */
final class InternalTokenRelay implements Function<ServerRequest, ServerRequest> {

  /** Headers only the gateway may set towards services. */
  private static final String INTERNAL_HEADER_PREFIX = "x-cdp-";

  private final InternalTokenSigner signer;

  InternalTokenRelay(InternalTokenSigner signer) {
    this.signer = signer;
  }

  @Override
  public ServerRequest apply(ServerRequest request) {
    Caller caller =
        Caller.of(request.servletRequest())
            .orElseThrow(
                () ->
                    new ProblemException(
                        PlatformErrorCode.UNAUTHENTICATED, "No authenticated key"));
    String token = signer.sign(caller.identity());
    return ServerRequest.from(request)
        .headers(
            headers -> {
              headers.remove(HttpHeaders.AUTHORIZATION);
              headers.remove(HttpHeaders.PROXY_AUTHORIZATION);
              headers.remove(HttpHeaders.COOKIE);
              headers.headerNames().stream()
                  .filter(n -> n.toLowerCase(Locale.ROOT).startsWith(INTERNAL_HEADER_PREFIX))
                  .toList()
                  .forEach(headers::remove);
              headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            })
        .build();
  }
}
