package org.opencdp.query.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.query.lake.LakeProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class QueryPropertiesTest {

  static QueryProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("cdp.query", QueryProperties.class);
  }

  @Test
  void hasWorkingLocalDefaults() {
    QueryProperties defaults = bind(Map.of());

    assertThat(defaults.engine()).isEqualTo("duckdb");
    assertThat(defaults.defaultMaxRows()).isEqualTo(1000);
    assertThat(defaults.maxRowsCap()).isEqualTo(100_000);
    assertThat(defaults.defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.maxConcurrent()).isEqualTo(4);
    assertThat(defaults.lakeListingTtl()).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.guard().enabled()).isTrue();
    assertThat(defaults.guard().cacheEntries()).isEqualTo(1000);
    assertThat(defaults.duckdb().memoryLimit()).isEqualTo(DataSize.ofGigabytes(1));
    assertThat(defaults.duckdb().idleConnections()).isEqualTo(4);
    assertThat(defaults.trino().enabled()).isFalse();
    assertThat(defaults.trino().rulesFile()).isEmpty();
    assertThat(defaults.trino().rulesWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.trino().workersWait()).isEqualTo(Duration.ofSeconds(15));
    assertThat(defaults.trino().catalog()).isEqualTo("lake");
    assertThat(defaults.cache().enabled()).isTrue();
  }

  @Test
  void bindsDashedKeys() {
    QueryProperties bound =
        bind(
            Map.of(
                "cdp.query.engine", "trino",
                "cdp.query.default-max-rows", "50",
                "cdp.query.max-concurrent", "9",
                "cdp.query.guard.enabled", "false",
                "cdp.query.duckdb.memory-limit", "256MB",
                "cdp.query.trino.url", "jdbc:trino://trino:8080",
                "cdp.query.trino.sync-interval", "5s",
                "cdp.query.trino.rules-file", "/etc/trino/rules.json",
                "cdp.query.trino.workers-wait", "2s",
                "cdp.query.guard.cache-entries", "0"));

    assertThat(bound.engine()).isEqualTo("trino");
    assertThat(bound.defaultMaxRows()).isEqualTo(50);
    assertThat(bound.maxConcurrent()).isEqualTo(9);
    assertThat(bound.guard().enabled()).isFalse();
    assertThat(bound.duckdb().memoryLimit()).isEqualTo(DataSize.ofMegabytes(256));
    assertThat(bound.trino().url()).isEqualTo("jdbc:trino://trino:8080");
    assertThat(bound.trino().syncInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(bound.trino().rulesFile()).isEqualTo("/etc/trino/rules.json");
    assertThat(bound.trino().workersWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(bound.guard().cacheEntries()).isZero();
  }

  @Test
  void refusesADefaultAboveTheCap() {
    assertThatThrownBy(
            () -> bind(Map.of("cdp.query.default-max-rows", "10", "cdp.query.max-rows-cap", "5")))
        .isInstanceOf(BindException.class);
  }

  @Test
  void lakeRootIsAbsolute() {
    LakeProperties lake =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("cdp.lake", LakeProperties.class);

    assertThat(lake.root()).isEqualTo(Path.of("./data/lake").toAbsolutePath().normalize());
  }
}
