package org.opencdp.servicekit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AuthPropertiesTest {

  @Test
  void defaultsWorkWithNoConfiguration() {
    AuthProperties props = bind(Map.of());

    assertThat(props.enabled()).isTrue();
    assertThat(props.issuer()).isEqualTo("opencdp-gateway");
    assertThat(props.audience()).isEqualTo("opencdp-services");
    assertThat(props.tokenTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(props.clockSkew()).isEqualTo(Duration.ofSeconds(5));
    assertThat(props.keyFile()).isEqualTo(Path.of("./data/keys/internal-token.jwk"));
    assertThat(props.key()).isNull();
    assertThat(props.generateKeyIfMissing()).isTrue();
    assertThat(props.publicPaths())
        .containsExactly(
            "/actuator/health",
            "/actuator/health/**",
            "/actuator/prometheus",
            "/actuator/info",
            "/v3/api-docs",
            "/v3/api-docs/**",
            "/error");
  }

  @Test
  void defaultsFactoryMatchesBoundDefaults() {
    assertThat(AuthProperties.defaults()).isEqualTo(bind(Map.of()));
  }

  @Test
  void bindsEveryDashedKey() {
    AuthProperties props =
        bind(
            Map.of(
                "cdp.auth.enabled", "false",
                "cdp.auth.issuer", "gw",
                "cdp.auth.audience", "svc",
                "cdp.auth.token-ttl", "30s",
                "cdp.auth.clock-skew", "1s",
                "cdp.auth.key-file", "/secrets/jwk.json",
                "cdp.auth.key", " {\"kty\":\"EC\"} ",
                "cdp.auth.generate-key-if-missing", "false",
                "cdp.auth.public-paths", "/ping,/status/**"));

    assertThat(props)
        .isEqualTo(
            new AuthProperties(
                false,
                "gw",
                "svc",
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Path.of("/secrets/jwk.json"),
                "{\"kty\":\"EC\"}",
                false,
                List.of("/ping", "/status/**")));
  }

  @Test
  void treatsABlankInlineKeyAsAbsent() {
    assertThat(bind(Map.of("cdp.auth.key", "  ")).key()).isNull();
  }

  private static AuthProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("cdp.auth", AuthProperties.class);
  }
}
