package org.opencdp.quality.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.quality.lineage.OpenLineageProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/** Defaults of the compaction and OpenLineage config records, and that each dashed key binds. */
class CompactionPropertiesTest {

  static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
  }

  static <T> T bindApplicationYml(String prefix, Class<T> type) throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    new YamlPropertySourceLoader()
        .load("application.yml", new ClassPathResource("application.yml"))
        .forEach(env.getPropertySources()::addLast);
    return Binder.get(env).bindOrCreate(prefix, type);
  }

  @Test
  void compactionIsOnByDefaultAndLeavesYoungFilesAlone() throws Exception {
    CompactionProperties defaults =
        new CompactionProperties(
            true,
            Duration.ofSeconds(30),
            8,
            Duration.ofSeconds(60),
            DataSize.ofMegabytes(64),
            64,
            Duration.ofMinutes(10));

    assertThat(bind("cdp.lake.compaction", CompactionProperties.class, Map.of()))
        .isEqualTo(defaults);
    assertThat(bindApplicationYml("cdp.lake.compaction", CompactionProperties.class))
        .isEqualTo(defaults);
  }

  @Test
  void compactionKeysBind() {
    assertThat(
            bind(
                "cdp.lake.compaction",
                CompactionProperties.class,
                Map.of(
                    "cdp.lake.compaction.enabled", "false",
                    "cdp.lake.compaction.interval", "1s",
                    "cdp.lake.compaction.min-files", "3",
                    "cdp.lake.compaction.min-file-age", "0s",
                    "cdp.lake.compaction.target-size", "8MB",
                    "cdp.lake.compaction.max-inputs", "5",
                    "cdp.lake.compaction.lock-timeout", "2m")))
        .isEqualTo(
            new CompactionProperties(
                false,
                Duration.ofSeconds(1),
                3,
                Duration.ZERO,
                DataSize.ofMegabytes(8),
                5,
                Duration.ofMinutes(2)));
  }

  @Test
  void compactionRefusesSettingsThatCannotWork() {
    assertThatThrownBy(
            () ->
                bind(
                    "cdp.lake.compaction",
                    CompactionProperties.class,
                    Map.of("cdp.lake.compaction.min-files", "1")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("cdp.lake.compaction.min-files");
    assertThatThrownBy(
            () ->
                bind(
                    "cdp.lake.compaction",
                    CompactionProperties.class,
                    Map.of("cdp.lake.compaction.max-inputs", "4")))
        .rootCause()
        .hasMessageContaining("cdp.lake.compaction.max-inputs");
  }

  @Test
  void openLineageIsOffUntilAUrlIsSet() throws Exception {
    OpenLineageProperties defaults =
        bind("cdp.lineage.openlineage", OpenLineageProperties.class, Map.of());

    assertThat(defaults)
        .isEqualTo(
            new OpenLineageProperties(
                null,
                "",
                "opencdp",
                URI.create("urn:opencdp:quality-service"),
                Duration.ofSeconds(5),
                1000,
                3,
                Duration.ofMillis(500)));
    assertThat(defaults.enabled()).isFalse();
    OpenLineageProperties fromYml =
        bindApplicationYml("cdp.lineage.openlineage", OpenLineageProperties.class);
    assertThat(fromYml.enabled()).as("CDP_OPENLINEAGE_URL unset").isFalse();
    assertThat(fromYml).isEqualTo(defaults);
  }

  @Test
  void openLineageKeysBind() {
    OpenLineageProperties bound =
        bind(
            "cdp.lineage.openlineage",
            OpenLineageProperties.class,
            Map.of(
                "cdp.lineage.openlineage.url", "http://marquez:5000/api/v1/lineage",
                "cdp.lineage.openlineage.api-key", "k",
                "cdp.lineage.openlineage.namespace", "prod",
                "cdp.lineage.openlineage.producer", "https://cdp.example.com/quality",
                "cdp.lineage.openlineage.timeout", "1s",
                "cdp.lineage.openlineage.queue-capacity", "10",
                "cdp.lineage.openlineage.max-attempts", "5",
                "cdp.lineage.openlineage.backoff", "1s"));

    assertThat(bound)
        .isEqualTo(
            new OpenLineageProperties(
                URI.create("http://marquez:5000/api/v1/lineage"),
                "k",
                "prod",
                URI.create("https://cdp.example.com/quality"),
                Duration.ofSeconds(1),
                10,
                5,
                Duration.ofSeconds(1)));
    assertThat(bound.enabled()).isTrue();
    assertThatThrownBy(
            () ->
                bind(
                    "cdp.lineage.openlineage",
                    OpenLineageProperties.class,
                    Map.of("cdp.lineage.openlineage.url", "ftp://x/")))
        .rootCause()
        .hasMessageContaining("cdp.lineage.openlineage.url");
  }
}
