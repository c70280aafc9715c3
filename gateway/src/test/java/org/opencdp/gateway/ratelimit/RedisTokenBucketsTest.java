package org.opencdp.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.ratelimit.RateLimitProperties.Limit;
import org.opencdp.testkit.Infrastructure;
import org.opencdp.testkit.RedisServer;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Two gateway replicas, each with its own Redis connection, against the local Redis. */
class RedisTokenBucketsTest {

  private final List<LettuceConnectionFactory> connections = new ArrayList<>();
  private final String prefix = "test:" + UUID.randomUUID() + ":";

  @AfterEach
  void close() {
    connections.forEach(LettuceConnectionFactory::destroy);
  }

  private RedisTokenBuckets replica() {
    RedisServer redis = Infrastructure.redis();
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
    factory.afterPropertiesSet();
    connections.add(factory);
    return new RedisTokenBuckets(new StringRedisTemplate(factory));
  }

  @Test
  void replicasShareOneBucket() {
    RedisTokenBuckets a = replica();
    RedisTokenBuckets b = replica();
    Limit limit = new Limit(6L, 0.001);

    int allowed = 0;
    for (int i = 0; i < 10; i++) {
      if ((i % 2 == 0 ? a : b).take(prefix + "key", limit).allowed()) {
        allowed++;
      }
    }

    assertThat(allowed).isEqualTo(6);
    TokenBuckets.Decision refused = a.take(prefix + "key", limit);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterMillis()).isGreaterThan(0);
    assertThat(a.take(prefix + "other-key", limit).allowed()).isTrue();
  }

  @Test
  void bucketRefillsOverTime() throws InterruptedException {
    RedisTokenBuckets a = replica();
    Limit limit = new Limit(1L, 20.0);

    assertThat(a.take(prefix + "k", limit).allowed()).isTrue();
    assertThat(a.take(prefix + "k", limit).allowed()).isFalse();
    Thread.sleep(120);

    assertThat(a.take(prefix + "k", limit).allowed()).isTrue();
  }

  @Test
  void replicasShareOneDailyCounter() {
    RedisTokenBuckets a = replica();
    RedisTokenBuckets b = replica();

    a.increment(prefix + "budget", Duration.ofMinutes(1));
    b.increment(prefix + "budget", Duration.ofMinutes(1));

    assertThat(a.increment(prefix + "budget", Duration.ofMinutes(1))).isEqualTo(3);
  }
}
