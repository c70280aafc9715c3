package org.opencdp.gateway.ratelimit;

import org.opencdp.gateway.routing.RouteClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets per key and route class ({@code cdp.gateway.rate-limits.*}), and the daily
 * model-call budget per tenant on AI routes.
 *
 * @param enabled whether requests are limited at all
 * @param store {@code memory} (one replica) or {@code redis} (replicas share one budget; Redis from
 *     {@code spring.data.redis.*})
 * @param ingest bucket of each write key on ingestion routes (also {@code /v1/import})
 * @param query bucket of each key on query, quality, insight, report and recommendation routes
 * @param ai bucket of each key on AI routes ({@code /v1/knowledge/**}): the tightest
 * @param admin bucket of each key on {@code /v1/admin/**}
 * @param aiDailyBudget model calls each tenant may make per UTC day; 0 for no budget
 * @param keyPrefix prefix of every Redis key the limiter writes
 */
@ConfigurationProperties("cdp.gateway.rate-limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("memory") String store,
    Limit ingest,
    Limit query,
    Limit ai,
    Limit admin,
    @DefaultValue("1000") long aiDailyBudget,
    @DefaultValue("cdp:gateway:") String keyPrefix) {

  static final Limit DEFAULT_INGEST = new Limit(1000L, 500.0);
  static final Limit DEFAULT_QUERY = new Limit(100L, 50.0);
  static final Limit DEFAULT_AI = new Limit(10L, 0.5);
  static final Limit DEFAULT_ADMIN = new Limit(30L, 5.0);

  public RateLimitProperties {
    ingest = Limit.orDefault(ingest, DEFAULT_INGEST);
    query = Limit.orDefault(query, DEFAULT_QUERY);
    ai = Limit.orDefault(ai, DEFAULT_AI);
    admin = Limit.orDefault(admin, DEFAULT_ADMIN);
    if (!store.equals("memory") && !store.equals("redis")) {
      throw new IllegalArgumentException("cdp.gateway.rate-limits.store must be memory or redis");
    }
  }

  public Limit limit(RouteClass routeClass) {
    return switch (routeClass) {
      case INGEST, IMPORT -> ingest;
      case QUERY -> query;
      case AI -> ai;
      case ADMIN -> admin;
    };
  }

  /**
   * A token bucket: at most {@code capacity} requests at once, refilled continuously.
   *
   * @param capacity the burst a key may send
   * @param refillPerSecond the sustained rate
   */
  public record Limit(Long capacity, Double refillPerSecond) {

    public Limit {
      if (capacity != null && capacity < 1) {
        throw new IllegalArgumentException("A rate limit capacity must be at least 1");
      }
      if (refillPerSecond != null && refillPerSecond <= 0) {
        throw new IllegalArgumentException("A rate limit refill-per-second must be positive");
      }
    }

    static Limit orDefault(Limit configured, Limit fallback) {
      if (configured == null) {
        return fallback;
      }
      return new Limit(
          configured.capacity == null ? fallback.capacity : configured.capacity,
          configured.refillPerSecond == null
              ? fallback.refillPerSecond
              : configured.refillPerSecond);
    }
  }
}
