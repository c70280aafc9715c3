package org.opencdp.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeUnit;
import org.opencdp.gateway.GatewayErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The proxy call to one downstream, behind its circuit breaker: a service that cannot be reached is
 * a 503 problem (504 when it stops answering), and while the breaker is open every call is answered
 * 503 without trying.
 */
final class DownstreamCall implements HandlerFunction<ServerResponse> {

  private final Downstream downstream;
  private final CircuitBreaker breaker;
  private final HandlerFunction<ServerResponse> proxy;

  DownstreamCall(
      Downstream downstream, CircuitBreaker breaker, HandlerFunction<ServerResponse> proxy) {
    this.downstream = downstream;
    this.breaker = breaker;
    this.proxy = proxy;
  }

  @Override
  public ServerResponse handle(ServerRequest request) throws Exception {
    if (breaker != null && !breaker.tryAcquirePermission()) {
      throw unavailable("is failing; calls are paused for a moment", null)
          .header(HttpHeaders.RETRY_AFTER, "5");
    }
    long start = System.nanoTime();
    try {
      ServerResponse response = proxy.handle(request);
      if (breaker != null) {
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
      return response;
    } catch (ResourceAccessException e) {
      BodyLimitFilter.BodyLimitExceeded tooLarge = bodyLimit(e);
      if (tooLarge != null) {
        throw BodyLimitFilter.tooLarge(tooLarge.limit);
      }
      if (breaker != null) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      }
      if (isReadTimeout(e)) {
        throw new ProblemException(
            GatewayErrorCode.DOWNSTREAM_TIMEOUT,
            "The " + downstream.id() + " service did not answer in time",
            e);
      }
      // Expected while a service restarts: a one-line log (by the problem handler), no stack trace.
      throw unavailable("cannot be reached", null).header(HttpHeaders.RETRY_AFTER, "5");
    }
  }

  private ProblemException unavailable(String what, Throwable cause) {
    String detail = "The " + downstream.id() + " service " + what;
    return cause == null
        ? new ProblemException(GatewayErrorCode.DOWNSTREAM_UNAVAILABLE, detail)
        : new ProblemException(GatewayErrorCode.DOWNSTREAM_UNAVAILABLE, detail, cause);
  }

  private static BodyLimitFilter.BodyLimitExceeded bodyLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyLimitFilter.BodyLimitExceeded exceeded) {
        return exceeded;
      }
    }
    return null;
  }

  private static boolean isReadTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return false;
      }
      if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
