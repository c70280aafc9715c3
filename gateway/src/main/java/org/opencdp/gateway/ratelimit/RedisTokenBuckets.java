package org.opencdp.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import org.opencdp.gateway.ratelimit.RateLimitProperties.Limit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Buckets in Redis, taken by one Lua script each so concurrent replicas never both spend the last
 * token; the clock is Redis's own, so replicas' clocks need not agree.
 */
final class RedisTokenBuckets implements TokenBuckets {

  private static final RedisScript<List> TAKE =
      new DefaultRedisScript<>(
          """
          local capacity = tonumber(ARGV[1])
          local rate = tonumber(ARGV[2])
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
          local tokens = tonumber(state[1]) or capacity
          local ts = tonumber(state[2]) or now
          tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)
          local allowed = 0
          if tokens >= 1 then
            tokens = tokens - 1
            allowed = 1
          end
          redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
          local full = math.ceil((capacity - tokens) / rate * 1000)
          redis.call('PEXPIRE', KEYS[1], full + 1000)
          local retry = 0
          if tokens < 1 then retry = math.ceil((1 - tokens) / rate * 1000) end
          return {allowed, math.floor(tokens), retry, full}
          """,
          List.class);

  private static final RedisScript<Long> INCREMENT =
      new DefaultRedisScript<>(
          """
          local n = redis.call('INCR', KEYS[1])
          if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
          return n
          """,
          Long.class);

  private final StringRedisTemplate redis;

  RedisTokenBuckets(StringRedisTemplate redis) {
    this.redis = redis;
  }

  @Override
  public Decision take(String key, Limit limit) {
    List<?> result =
        redis.execute(
            TAKE,
            List.of(key),
            Long.toString(limit.capacity()),
            Double.toString(limit.refillPerSecond()));
    return new Decision(
        number(result, 0) == 1, number(result, 1), number(result, 2), number(result, 3));
  }

  @Override
  public long increment(String key, Duration ttl) {
    Long count = redis.execute(INCREMENT, List.of(key), Long.toString(ttl.toMillis()));
    return count == null ? 0 : count;
  }

  private static long number(List<?> result, int index) {
    return ((Number) result.get(index)).longValue();
  }
}
