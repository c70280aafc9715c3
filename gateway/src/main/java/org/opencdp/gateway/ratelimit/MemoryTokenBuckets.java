package org.opencdp.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.opencdp.gateway.ratelimit.RateLimitProperties.Limit;

/** Buckets in this process: right for one replica, and the local default. */
final class MemoryTokenBuckets implements TokenBuckets {

  /** Past this many buckets idle ones are dropped (a full one is the same as a new one). */
  private static final int MAX_BUCKETS = 100_000;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  MemoryTokenBuckets() {
    this(System::nanoTime);
  }

  MemoryTokenBuckets(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public Decision take(String key, Limit limit) {
    if (buckets.size() > MAX_BUCKETS) {
      buckets.clear();
    }
    Bucket bucket =
        buckets.computeIfAbsent(key, k -> new Bucket(limit.capacity(), nanoTime.getAsLong()));
    return bucket.take(limit, nanoTime.getAsLong());
  }

  @Override
  public long increment(String key, Duration ttl) {
    long now = nanoTime.getAsLong();
    if (counters.size() > MAX_BUCKETS) {
      counters.entrySet().removeIf(e -> e.getValue().expiresAt - now < 0);
    }
    Counter counter =
        counters.compute(
            key,
            (k, c) -> c == null || c.expiresAt - now < 0 ? new Counter(now + ttl.toNanos()) : c);
    return counter.count.incrementAndGet();
  }

  private static final class Counter {
    final long expiresAt;
    final AtomicLong count = new AtomicLong();

    Counter(long expiresAt) {
      this.expiresAt = expiresAt;
    }
  }

  private static final class Bucket {
    private double tokens;
    private long updated;

    Bucket(long capacity, long now) {
      this.tokens = capacity;
      this.updated = now;
    }

    synchronized Decision take(Limit limit, long now) {
      double perNano = limit.refillPerSecond() / 1e9;
      tokens = Math.min(limit.capacity(), tokens + Math.max(0, now - updated) * perNano);
      updated = now;
      boolean allowed = tokens >= 1;
      if (allowed) {
        tokens -= 1;
      }
      long retry =
          tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / limit.refillPerSecond() * 1000);
      long reset = (long) Math.ceil((limit.capacity() - tokens) / limit.refillPerSecond() * 1000);
      return new Decision(allowed, (long) Math.floor(tokens), retry, reset);
    }
  }
}
