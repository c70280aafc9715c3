package org.opencdp.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

  @Test
  void suppliesDefaultsWhenNothingIsConfigured() {
    StandardEnvironment environment = postProcessed(Map.of());

    assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("all");
    assertThat(environment.getProperty("spring.kafka.producer.properties.enable.idempotence"))
        .isEqualTo("true");
    assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
        .isEqualTo("health,info,prometheus");
    assertThat(environment.getProperty("spring.web.error.include-stacktrace")).isEqualTo("never");
    assertThat(environment.getProperty("cdp.auth.key-file"))
        .isEqualTo("./data/keys/internal-token.jwk");
  }

  @Test
  void yieldsToTheApplicationsConfiguration() {
    StandardEnvironment environment =
        postProcessed(Map.of("spring.kafka.producer.acks", "1", "cdp.data-dir", "/var/cdp"));

    assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("1");
    assertThat(environment.getProperty("cdp.auth.key-file"))
        .isEqualTo("/var/cdp/keys/internal-token.jwk");
  }

  @Test
  void yieldsToSpringApplicationDefaultProperties() {
    StandardEnvironment environment = new StandardEnvironment();
    DefaultPropertiesPropertySource.addOrMerge(
        Map.of("spring.kafka.producer.acks", "0"), environment.getPropertySources());

    new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
    DefaultPropertiesPropertySource.moveToEnd(environment);

    assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("0");
    assertThat(environment.getProperty("spring.kafka.producer.compression-type")).isEqualTo("lz4");
  }

  @Test
  void namesServiceInMetricsFromTheApplicationName() {
    assertThat(postProcessed(Map.of()).getProperty("management.metrics.tags.service"))
        .isEqualTo("opencdp-service");
    assertThat(
            postProcessed(Map.of("spring.application.name", "ingest-service"))
                .getProperty("management.metrics.tags.service"))
        .isEqualTo("ingest-service");
  }

  private static StandardEnvironment postProcessed(Map<String, Object> application) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("application", application));
    new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }
}
