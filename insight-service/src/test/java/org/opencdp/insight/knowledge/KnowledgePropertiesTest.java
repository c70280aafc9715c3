package org.opencdp.insight.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class KnowledgePropertiesTest {

  static KnowledgeProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("cdp.insight.knowledge", KnowledgeProperties.class);
  }

  @Test
  void defaultsWorkLocally() {
    KnowledgeProperties p = bind(Map.of());

    assertThat(p.indexDir().normalize()).isEqualTo(Path.of("data/insight/knowledge"));
    assertThat(p.intakeEnabled()).isTrue();
    assertThat(p.groupId()).isEqualTo("insight-knowledge");
    assertThat(p.maxK()).isEqualTo(50);
  }

  @Test
  void bindsDashedKeys() {
    KnowledgeProperties p =
        bind(
            Map.of(
                "cdp.insight.knowledge.index-dir", "/srv/kb",
                "cdp.insight.knowledge.intake-enabled", "false",
                "cdp.insight.knowledge.group-id", "kb",
                "cdp.insight.knowledge.poll-timeout", "1s",
                "cdp.insight.knowledge.max-k", "20"));

    assertThat(p.indexDir()).isEqualTo(Path.of("/srv/kb"));
    assertThat(p.intakeEnabled()).isFalse();
    assertThat(p.groupId()).isEqualTo("kb");
    assertThat(p.pollTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.maxK()).isEqualTo(20);
  }
}
