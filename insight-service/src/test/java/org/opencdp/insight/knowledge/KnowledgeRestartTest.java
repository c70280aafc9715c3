package org.opencdp.insight.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.opencdp.ai.rag.index.KnowledgeIndex;
import org.opencdp.insight.InsightApplication;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.testkit.Infrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A restart keeps the knowledge: the index on disk answers at once, without the topic being read
 * again, and the group's offsets were committed after the index commit.
 */
class KnowledgeRestartTest {

  static final String ID = UUID.randomUUID().toString();
  static final String TOPIC = "it.documents.restart." + ID;
  static final String GROUP = "insight-restart-" + ID;
  static final String TENANT = "kb-restart";
  static final String ASK = "{\"question\":\"产品A的市场表现如何?\"}";

  ConfigurableApplicationContext start(boolean intake) {
    // as arguments: they must outrank application.yml, which default properties do not
    Map<String, String> properties =
        Map.of(
            "server.port",
            "0",
            "spring.kafka.bootstrap-servers",
            Infrastructure.kafka().bootstrapServers(),
            "logging.level.org.apache.kafka",
            "WARN",
            "cdp.kafka.create-topics",
            "false",
            "cdp.kafka.topics.raw-documents",
            TOPIC,
            "cdp.data-dir",
            "target/test-data",
            "cdp.insight.knowledge.index-dir",
            Path.of("target/test-index", "restart-" + ID).toAbsolutePath().toString(),
            "cdp.insight.knowledge.group-id",
            GROUP,
            "cdp.insight.knowledge.intake-enabled",
            Boolean.toString(intake));
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(InsightApplication.class).run(args);
  }

  static JsonNode ask(ConfigurableApplicationContext context) throws Exception {
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    String token = Documents.analyst(context.getBean(InternalTokenSigner.class), TENANT);
    return Documents.json(Documents.post(port, "/v1/knowledge/ask", token, ASK));
  }

  @Test
  void answersAfterARestartWithoutReadingTheTopicAgain() throws Exception {
    Infrastructure.kafka().createTopics(1, TOPIC);
    Documents.produce(
        TOPIC, Documents.document(TENANT, "doc-1", "Q2 review", "产品A的Q2销量同比增长30%", "zh"));

    long passages;
    try (ConfigurableApplicationContext first = start(true)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> ask(first).path("grounded").asBoolean());
      passages = first.getBean(KnowledgeIndex.class).count(TENANT);
      assertThat(committed().offset()).isEqualTo(1);
    }

    try (ConfigurableApplicationContext second = start(false)) {
      assertThat(second.getBeansOfType(DocumentIntake.class)).isEmpty();
      JsonNode answer = ask(second);

      assertThat(answer.path("answer").asString()).contains("30%");
      assertThat(answer.path("citations").get(0).path("documentId").asString()).isEqualTo("doc-1");
      assertThat(second.getBean(KnowledgeIndex.class).count(TENANT)).isEqualTo(passages);
    }
  }

  private static OffsetAndMetadata committed() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
      return admin
          .listConsumerGroupOffsets(GROUP)
          .partitionsToOffsetAndMetadata()
          .get()
          .get(new TopicPartition(TOPIC, 0));
    }
  }
}
