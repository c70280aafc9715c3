package org.opencdp.gateway.ratelimit;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The limiter's store (memory or Redis) and its filter, right after the access filter. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "cdp.gateway.rate-limits.enabled", matchIfMissing = true)
class RateLimitConfiguration {

  /** After the access filter (-100), so the caller is known. */
  static final int FILTER_ORDER = -90;

  @Bean
  TokenBuckets tokenBuckets(RateLimitProperties props, ObjectProvider<StringRedisTemplate> redis) {
    return props.store().equals("redis")
        ? new RedisTokenBuckets(redis.getObject())
        : new MemoryTokenBuckets();
  }

  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
      TokenBuckets buckets, RateLimitProperties props) {
    FilterRegistrationBean<RateLimitFilter> registration =
        new FilterRegistrationBean<>(new RateLimitFilter(buckets, props, Clock.systemUTC()));
    registration.setName("gatewayRateLimitFilter");
    registration.setOrder(FILTER_ORDER);
    return registration;
  }
}
