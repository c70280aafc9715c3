package org.opencdp.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.ratelimit.RateLimitProperties.Limit;
import org.opencdp.gateway.routing.RouteClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RateLimitPropertiesTest {

  private static RateLimitProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("cdp.gateway.rate-limits", RateLimitProperties.class);
  }

  @Test
  void defaultsAreInMemoryWithAiTheTightest() {
    RateLimitProperties props = bind(Map.of());

    assertThat(props.enabled()).isTrue();
    assertThat(props.store()).isEqualTo("memory");
    assertThat(props.limit(RouteClass.INGEST)).isEqualTo(new Limit(1000L, 500.0));
    assertThat(props.limit(RouteClass.IMPORT)).isEqualTo(props.ingest());
    assertThat(props.limit(RouteClass.QUERY)).isEqualTo(new Limit(100L, 50.0));
    assertThat(props.limit(RouteClass.AI)).isEqualTo(new Limit(10L, 0.5));
    assertThat(props.limit(RouteClass.ADMIN)).isEqualTo(new Limit(30L, 5.0));
    assertThat(props.aiDailyBudget()).isEqualTo(1000);
    for (RouteClass c : RouteClass.values()) {
      assertThat(props.ai().refillPerSecond())
          .isLessThanOrEqualTo(props.limit(c).refillPerSecond());
    }
  }

  @Test
  void bindsPerClassKeysKeepingDefaultsForTheRest() {
    RateLimitProperties props =
        bind(
            Map.of(
                "cdp.gateway.rate-limits.store", "redis",
                "cdp.gateway.rate-limits.ai.capacity", "2",
                "cdp.gateway.rate-limits.query.refill-per-second", "7.5",
                "cdp.gateway.rate-limits.ai-daily-budget", "50"));

    assertThat(props.store()).isEqualTo("redis");
    assertThat(props.ai()).isEqualTo(new Limit(2L, 0.5));
    assertThat(props.query()).isEqualTo(new Limit(100L, 7.5));
    assertThat(props.aiDailyBudget()).isEqualTo(50);
  }
}
