package org.opencdp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.routing.BreakerProperties;
import org.opencdp.gateway.routing.RoutesProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GatewayPropertiesTest {

  private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
  }

  @Test
  void defaultsWorkLocally() {
    GatewayProperties gateway = bind("cdp.gateway", GatewayProperties.class, Map.of());
    RoutesProperties routes = bind("cdp.gateway.routes", RoutesProperties.class, Map.of());
    BreakerProperties breaker =
        bind("cdp.gateway.circuit-breaker", BreakerProperties.class, Map.of());

    assertThat(gateway.platformAdminKey()).isNull();
    assertThat(gateway.keyCacheTtl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(gateway.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(gateway.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(gateway.httpClient()).isEqualTo(GatewayProperties.HttpClientKind.POOLED);
    assertThat(gateway.maxConnections()).isEqualTo(200);
    assertThat(gateway.demoTenant()).isEqualTo("demo");
    assertThat(routes.ingest()).isEqualTo(URI.create("http://localhost:8081"));
    assertThat(routes.quality()).isEqualTo(URI.create("http://localhost:8082"));
    assertThat(routes.query()).isEqualTo(URI.create("http://localhost:8083"));
    assertThat(routes.insight()).isEqualTo(URI.create("http://localhost:8084"));
    assertThat(routes.report()).isEqualTo(URI.create("http://localhost:8085"));
    assertThat(routes.recommend()).isEqualTo(URI.create("http://localhost:8086"));
    assertThat(breaker.enabled()).isTrue();
    assertThat(breaker.openFor()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void bindsDashedKeys() {
    GatewayProperties gateway =
        bind(
            "cdp.gateway",
            GatewayProperties.class,
            Map.of(
                "cdp.gateway.platform-admin-key", " secret ",
                "cdp.gateway.key-cache-ttl", "500ms",
                "cdp.gateway.credentials-file", "/tmp/c.env",
                "cdp.gateway.demo-tenant", "",
                "cdp.gateway.connect-timeout", "1s",
                "cdp.gateway.read-timeout", "5s"));
    RoutesProperties routes =
        bind(
            "cdp.gateway.routes",
            RoutesProperties.class,
            Map.of("cdp.gateway.routes.query", "http://query-service:8083"));

    assertThat(gateway.platformAdminKey()).isEqualTo("secret");
    assertThat(gateway.keyCacheTtl()).isEqualTo(Duration.ofMillis(500));
    assertThat(gateway.credentialsFile()).isEqualTo(Path.of("/tmp/c.env"));
    assertThat(gateway.demoTenant()).isEmpty();
    assertThat(gateway.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(gateway.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(routes.query()).isEqualTo(URI.create("http://query-service:8083"));
  }
}
