package org.opencdp.insight.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.testkit.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * insight-service with the real broker: documents produced to its own raw-documents topic are
 * indexed and answered over HTTP for callers with a signed internal token.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"logging.level.org.apache.kafka=WARN", "cdp.kafka.create-topics=false"})
class KnowledgeApiTest {

  static final String ID = UUID.randomUUID().toString();
  static final String TOPIC = "it.documents." + ID;
  static final String TENANT = "kb-acme";

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    Infrastructure.registerKafka(registry);
    registry.add("cdp.kafka.topics.raw-documents", () -> TOPIC);
    registry.add("cdp.data-dir", () -> "target/test-data");
    registry.add(
        "cdp.insight.knowledge.index-dir",
        () -> Path.of("target/test-index", ID).toAbsolutePath().toString());
    registry.add("cdp.insight.knowledge.group-id", () -> "insight-" + ID);
  }

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;

  @BeforeAll
  static void documents() throws Exception {
    Infrastructure.kafka().createTopics(3, TOPIC);
    Documents.produce(
        TOPIC,
        Documents.document(TENANT, "doc-1", "Q2 review", "产品A的Q2销量同比增长30%", "zh"),
        Documents.document(
            TENANT,
            "doc-2",
            "Support handbook",
            "Enterprise customers get a reply within 4 hours.",
            "en"));
  }

  HttpResponse<String> ask(String tenant, String json) throws Exception {
    return Documents.post(port, "/v1/knowledge/ask", Documents.analyst(signer, tenant), json);
  }

  @Test
  void answersFromAProducedDocumentWithTheThirtyPercentAndItsCitation() throws Exception {
    JsonNode body =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    Documents.json(
                        ask(TENANT, "{\"question\":\"产品A的市场表现如何?\",\"language\":\"zh\"}")),
                b -> b.path("grounded").asBoolean());

    assertThat(body.path("answer").asString()).contains("30%");
    assertThat(body.path("citations").get(0).path("documentId").asString()).isEqualTo("doc-1");
    assertThat(body.path("citations").get(0).path("title").asString()).isEqualTo("Q2 review");
    assertThat(body.path("model").asString()).isEqualTo("opencdp-offline-extractive");
  }

  @Test
  void searchesWithinTheCallersTenantOnly() throws Exception {
    String query = "{\"query\":\"产品A\",\"k\":5}";
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Documents.json(
                        Documents.post(
                            port, "/v1/knowledge/search", Documents.analyst(signer, TENANT), query))
                    .path("hits")
                    .size(),
            n -> n > 0);

    HttpResponse<String> own =
        Documents.post(port, "/v1/knowledge/search", Documents.analyst(signer, TENANT), query);
    JsonNode hit = Documents.json(own).path("hits").get(0);
    assertThat(hit.path("documentId").asString()).isEqualTo("doc-1");
    assertThat(hit.path("snippet").asString()).contains("30%");
    assertThat(hit.path("score").asDouble()).isPositive();

    HttpResponse<String> other =
        Documents.post(port, "/v1/knowledge/search", Documents.analyst(signer, "kb-globex"), query);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(Documents.json(other).path("hits")).isEmpty();
    JsonNode answer = Documents.json(ask("kb-globex", "{\"question\":\"产品A的市场表现如何?\"}"));
    assertThat(answer.path("grounded").asBoolean()).isFalse();
    assertThat(answer.path("answer").asString()).doesNotContain("30").contains("我不知道");
    assertThat(answer.path("citations")).isEmpty();
  }

  @Test
  void refusesABlankQuestionNamingTheField() throws Exception {
    HttpResponse<String> response = ask(TENANT, "{\"question\":\"  \"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(Documents.json(response).path("field").asString()).isEqualTo("question");
    assertThat(response.body()).contains("invalid-knowledge-request");
  }

  @Test
  void refusesAnOutOfRangeKAndAnUnsupportedLanguageWith422() throws Exception {
    HttpResponse<String> k =
        Documents.post(
            port,
            "/v1/knowledge/search",
            Documents.analyst(signer, TENANT),
            "{\"query\":\"x\",\"k\":500}");
    assertThat(k.statusCode()).isEqualTo(422);
    assertThat(Documents.json(k).path("field").asString()).isEqualTo("k");

    HttpResponse<String> language = ask(TENANT, "{\"question\":\"x\",\"language\":\"fr\"}");
    assertThat(language.statusCode()).isEqualTo(422);
    assertThat(Documents.json(language).path("field").asString()).isEqualTo("language");
  }

  @Test
  void refusesMalformedJsonWithAProblem() throws Exception {
    HttpResponse<String> response = ask(TENANT, "{\"question\":");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("Exception");
  }

  @Test
  void refusesACallerWithoutAToken() throws Exception {
    assertThat(Documents.post(port, "/v1/knowledge/ask", null, "{\"question\":\"x\"}").statusCode())
        .isEqualTo(401);
  }
}
