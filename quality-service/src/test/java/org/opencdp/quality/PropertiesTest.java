package org.opencdp.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.quality.dedup.DedupProperties;
import org.opencdp.quality.intake.IntakeProperties;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.outliers.OutlierProperties;
import org.opencdp.quality.rules.RulesProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/** Defaults of every config record, and that each dashed key binds. */
class PropertiesTest {

  static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
  }

  @Test
  void lakeDefaultsGiveFreshnessWithinSecondsLocally() {
    LakeProperties lake = bind("cdp.lake", LakeProperties.class, Map.of());

    assertThat(lake.root().normalize()).isEqualTo(Path.of("data/lake"));
    assertThat(lake.targetFileSize()).isEqualTo(DataSize.ofMegabytes(64));
    assertThat(lake.maxFileAge()).isEqualTo(Duration.ofSeconds(2));
    assertThat(lake.maxBufferedRows()).isEqualTo(200_000);
    assertThat(lake.rowGroupSize()).isEqualTo(DataSize.ofMegabytes(64));
  }

  @Test
  void theServiceKeepsItsLakeUnderTheDataDirectory() throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    new YamlPropertySourceLoader()
        .load("application.yml", new ClassPathResource("application.yml"))
        .forEach(env.getPropertySources()::addLast);
    env.getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("cdp.data-dir", "/srv/cdp")));

    LakeProperties lake = Binder.get(env).bindOrCreate("cdp.lake", LakeProperties.class);

    assertThat(lake.root()).isEqualTo(Path.of("/srv/cdp/lake"));
  }

  @Test
  void lakeKeysBind() {
    LakeProperties lake =
        bind(
            "cdp.lake",
            LakeProperties.class,
            Map.of(
                "cdp.lake.root", "/var/lake",
                "cdp.lake.target-file-size", "8MB",
                "cdp.lake.max-file-age", "500ms",
                "cdp.lake.max-buffered-rows", "10",
                "cdp.lake.row-group-size", "1MB"));

    assertThat(lake)
        .isEqualTo(
            new LakeProperties(
                Path.of("/var/lake"),
                DataSize.ofMegabytes(8),
                Duration.ofMillis(500),
                10,
                DataSize.ofMegabytes(1)));
  }

  @Test
  void intakeDefaultsAndKeys() {
    assertThat(bind("cdp.quality.intake", IntakeProperties.class, Map.of()))
        .isEqualTo(
            new IntakeProperties(
                true, "quality-service", Duration.ofMillis(200), Duration.ofSeconds(1), ""));
    assertThat(
            bind(
                "cdp.quality.intake",
                IntakeProperties.class,
                Map.of(
                    "cdp.quality.intake.enabled", "false",
                    "cdp.quality.intake.group-id", "g",
                    "cdp.quality.intake.poll-timeout", "1s",
                    "cdp.quality.intake.retry-backoff", "2s",
                    "cdp.quality.intake.instance-id", "quality-0")))
        .isEqualTo(
            new IntakeProperties(
                false, "g", Duration.ofSeconds(1), Duration.ofSeconds(2), "quality-0"));
  }

  @Test
  void qualityDefaultsAndKeys() {
    assertThat(bind("cdp.quality.dedup", DedupProperties.class, Map.of()).window())
        .isEqualTo(Duration.ofHours(24));
    assertThat(
            bind(
                    "cdp.quality.dedup",
                    DedupProperties.class,
                    Map.of("cdp.quality.dedup.window", "0s"))
                .window())
        .isZero();
    assertThat(bind("cdp.quality.rules", RulesProperties.class, Map.of()).refreshInterval())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(
            bind(
                    "cdp.quality.rules",
                    RulesProperties.class,
                    Map.of("cdp.quality.rules.refresh-interval", "250ms"))
                .refreshInterval())
        .isEqualTo(Duration.ofMillis(250));
    assertThat(bind("cdp.quality.outliers", OutlierProperties.class, Map.of()))
        .isEqualTo(
            new OutlierProperties(true, List.of("revenue", "price", "quantity"), 500, 10, 10_000));
    assertThat(
            bind(
                "cdp.quality.outliers",
                OutlierProperties.class,
                Map.of(
                    "cdp.quality.outliers.enabled", "false",
                    "cdp.quality.outliers.properties", "total,value",
                    "cdp.quality.outliers.min-observations", "50",
                    "cdp.quality.outliers.factor", "100",
                    "cdp.quality.outliers.max-series", "7")))
        .isEqualTo(new OutlierProperties(false, List.of("total", "value"), 50, 100, 7));
  }

  @Test
  void theServiceKeepsItsDatabaseUnderTheDataDirectory() throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    new YamlPropertySourceLoader()
        .load("application.yml", new ClassPathResource("application.yml"))
        .forEach(env.getPropertySources()::addLast);
    env.getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("cdp.data-dir", "/srv/cdp")));

    assertThat(env.getProperty("spring.datasource.url"))
        .startsWith("jdbc:h2:file:/srv/cdp/quality/quality;MODE=PostgreSQL");
  }
}
