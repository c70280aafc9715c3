package org.opencdp.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.ratelimit.RateLimitProperties.Limit;

class MemoryTokenBucketsTest {

  private final AtomicLong nanos = new AtomicLong();
  private final MemoryTokenBuckets buckets = new MemoryTokenBuckets(nanos::get);

  @Test
  void allowsBurstOfCapacityThenRefillsAtTheRate() {
    Limit limit = new Limit(3L, 2.0);

    assertThat(buckets.take("k", limit).allowed()).isTrue();
    assertThat(buckets.take("k", limit).allowed()).isTrue();
    assertThat(buckets.take("k", limit).remaining()).isZero();
    TokenBuckets.Decision refused = buckets.take("k", limit);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterMillis()).isEqualTo(500);
    assertThat(refused.resetMillis()).isEqualTo(1500);

    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(buckets.take("k", limit).allowed()).isTrue();
    assertThat(buckets.take("k", limit).allowed()).isFalse();
  }

  @Test
  void countersStartOverAfterTheirTimeToLive() {
    assertThat(buckets.increment("c", Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(buckets.increment("c", Duration.ofSeconds(1))).isEqualTo(2);

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(buckets.increment("c", Duration.ofSeconds(1))).isEqualTo(1);
  }
}
