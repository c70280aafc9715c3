package org.opencdp.ai.chat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs model calls behind a bulkhead, retries with exponential backoff (honouring Retry-After, on
 * 429, 5xx and no answer), and a circuit breaker per endpoint name. Retries sit inside the bulkhead
 * and outside the breaker: every attempt counts towards opening it, and an open breaker stops the
 * retries at once.
 */
public final class ModelCalls {

  private final ResilienceProperties properties;
  private final Map<String, Guard> guards = new ConcurrentHashMap<>();

  public ModelCalls(ResilienceProperties properties) {
    this.properties = properties;
  }

  /** Calls through the guard of the named endpoint ("chat", "embeddings"). */
  public <T> T call(String endpoint, Supplier<T> call) {
    Guard guard = guards.computeIfAbsent(endpoint, this::guard);
    Supplier<T> translated =
        () -> {
          try {
            return call.get();
          } catch (RuntimeException e) {
            throw ModelCallFailed.from(e);
          }
        };
    Supplier<T> broken = CircuitBreaker.decorateSupplier(guard.breaker, translated);
    Supplier<T> retried = Retry.decorateSupplier(guard.retry, broken);
    return Bulkhead.decorateSupplier(guard.bulkhead, retried).get();
  }

  /** The breaker of an endpoint, for health and tests. */
  public CircuitBreaker.State state(String endpoint) {
    return guards.computeIfAbsent(endpoint, this::guard).breaker.getState();
  }

  private Guard guard(String endpoint) {
    CircuitBreaker breaker =
        CircuitBreaker.of(
            "ai-" + endpoint,
            CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRate())
                .slidingWindowSize(properties.slidingWindow())
                .minimumNumberOfCalls(properties.minimumCalls())
                .waitDurationInOpenState(properties.openFor())
                .recordException(ModelCalls::retryable)
                .build());
    Retry retry =
        Retry.of(
            "ai-" + endpoint,
            RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .retryOnException(ModelCalls::retryable)
                .intervalBiFunction(backoff())
                .build());
    Bulkhead bulkhead =
        Bulkhead.of(
            "ai-" + endpoint,
            BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrent())
                .maxWaitDuration(properties.maxWait())
                .build());
    return new Guard(breaker, retry, bulkhead);
  }

  private static boolean retryable(Throwable t) {
    return t instanceof ModelCallFailed failed && failed.retryable();
  }

  private IntervalBiFunction<Object> backoff() {
    return (attempt, outcome) -> wait(attempt, outcome).toMillis();
  }

  private Duration wait(int attempt, Either<Throwable, Object> outcome) {
    Duration max = properties.maxBackoff();
    if (outcome.isLeft() && outcome.getLeft() instanceof ModelCallFailed failed) {
      Duration asked = failed.retryAfter();
      if (asked != null) {
        return asked.compareTo(max) > 0 ? max : asked;
      }
    }
    Duration exponential =
        properties.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
    return exponential.compareTo(max) > 0 ? max : exponential;
  }

  private record Guard(CircuitBreaker breaker, Retry retry, Bulkhead bulkhead) {}
}
