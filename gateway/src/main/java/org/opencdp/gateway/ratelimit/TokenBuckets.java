package org.opencdp.gateway.ratelimit;

import java.time.Duration;
import org.opencdp.gateway.ratelimit.RateLimitProperties.Limit;

/** Where buckets and budgets are counted: this process, or a store every replica shares. */
public interface TokenBuckets {

  /** Takes one token from the bucket named {@code key}, if it has one. */
  Decision take(String key, Limit limit);

  /** Adds one to the counter named {@code key}, which lives for {@code ttl}: the new count. */
  long increment(String key, Duration ttl);

  /**
   * The outcome of one take.
   *
   * @param remaining whole tokens left after this request
   * @param retryAfterMillis when the next token is due (0 when one is left)
   * @param resetMillis when the bucket is full again
   */
  record Decision(boolean allowed, long remaining, long retryAfterMillis, long resetMillis) {}
}
