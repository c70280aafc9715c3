package org.opencdp.gateway.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.opencdp.gateway.GatewayErrorCode;
import org.opencdp.gateway.keys.Caller;
import org.opencdp.gateway.ratelimit.RateLimitProperties.Limit;
import org.opencdp.gateway.ratelimit.TokenBuckets.Decision;
import org.opencdp.gateway.routing.PublicRoute;
import org.opencdp.gateway.routing.RouteClass;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each key per route class with a token bucket, and each tenant's model calls per UTC day on
 * AI routes; over a limit the answer is 429 with {@code Retry-After} and {@code RateLimit-*}. Runs
 * after the access filter: only authenticated callers reach it.
 */
final class RateLimitFilter extends OncePerRequestFilter {

  static final String LIMIT = "RateLimit-Limit";
  static final String REMAINING = "RateLimit-Remaining";
  static final String RESET = "RateLimit-Reset";

  private final TokenBuckets buckets;
  private final RateLimitProperties props;
  private final Clock clock;

  RateLimitFilter(TokenBuckets buckets, RateLimitProperties props, Clock clock) {
    this.buckets = buckets;
    this.props = props;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Caller> caller = Caller.of(request);
    Optional<RouteClass> routeClass = PublicRoute.of(request).map(PublicRoute::routeClass);
    if (caller.isEmpty() || routeClass.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    try {
      limit(caller.get(), routeClass.get(), response);
    } catch (ProblemException refused) {
      Problems.write(response, request, refused);
      return;
    }
    chain.doFilter(request, response);
  }

  private void limit(Caller caller, RouteClass routeClass, HttpServletResponse response) {
    Limit limit = props.limit(routeClass);
    String bucketClass = routeClass == RouteClass.IMPORT ? RouteClass.INGEST.id() : routeClass.id();
    Decision decision =
        buckets.take(props.keyPrefix() + "rl:" + bucketClass + ":" + caller.keyId(), limit);
    response.setHeader(LIMIT, Long.toString(limit.capacity()));
    response.setHeader(REMAINING, Long.toString(decision.remaining()));
    response.setHeader(RESET, Long.toString(seconds(decision.resetMillis())));
    if (!decision.allowed()) {
      throw new ProblemException(
              GatewayErrorCode.RATE_LIMITED,
              "Too many "
                  + routeClass.id()
                  + " requests for this key: "
                  + limit.capacity()
                  + " at once, "
                  + limit.refillPerSecond()
                  + " per second")
          .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds(decision.retryAfterMillis())))
          .header(LIMIT, Long.toString(limit.capacity()))
          .header(REMAINING, "0")
          .header(RESET, Long.toString(seconds(decision.resetMillis())));
    }
    if (routeClass == RouteClass.AI && props.aiDailyBudget() > 0 && caller.tenantId() != null) {
      spendModelCall(caller.tenantId());
    }
  }

  private void spendModelCall(String tenantId) {
    ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
    LocalDate today = now.toLocalDate();
    Duration untilMidnight = Duration.between(now, today.plusDays(1).atStartOfDay(ZoneOffset.UTC));
    long used =
        buckets.increment(
            props.keyPrefix() + "budget:" + tenantId + ":" + today,
            untilMidnight.plus(Duration.ofHours(1)));
    if (used > props.aiDailyBudget()) {
      throw new ProblemException(
              GatewayErrorCode.MODEL_BUDGET_EXHAUSTED,
              "The tenant has used its "
                  + props.aiDailyBudget()
                  + " model calls for today (UTC); the budget renews at midnight UTC")
          .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, untilMidnight.toSeconds())));
    }
  }

  private static long seconds(long millis) {
    return millis <= 0 ? 0 : Math.max(1, (millis + 999) / 1000);
  }
}
