package org.opencdp.ingest.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.ingest.IngestClient.json;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.opencdp.ingest.IngestServiceTest;
import tools.jackson.databind.JsonNode;

class DocumentsApiTest extends IngestServiceTest {

  @Test
  void acceptsADocumentAndPutsItOnTheDocumentsTopic() {
    HttpResponse<String> response =
        client()
            .post(
                "/v1/documents",
                """
                {"documentId":"doc-q2-review","title":"Q2 review","text":"产品A的Q2销量同比增长30%",
                 "language":"zh","tags":["product-a"]}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(json(response.body()).path("documentId").asString()).isEqualTo("doc-q2-review");
    JsonNode document = recordsWith(DOCUMENTS, "doc-q2-review", 1).get(0);
    assertThat(document.path("text").asString()).isEqualTo("产品A的Q2销量同比增长30%");
    assertThat(document.path("tenantId").asString()).isEqualTo("acme");
    assertThat(document.path("tags").get(0).asString()).isEqualTo("product-a");
  }

  @Test
  void givesADocumentWithoutIdAnId() {
    HttpResponse<String> response =
        client().post("/v1/documents", "{\"text\":\"release notes 1.2\"}");
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response.body()).path("documentId").asString()).isNotBlank();
  }
}
