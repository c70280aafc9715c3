package org.opencdp.ingest.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.ingest.IngestClient.json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencdp.ingest.IngestServiceTest;
import tools.jackson.databind.JsonNode;

class ImportApiTest extends IngestServiceTest {

  @Test
  void importsNdjsonAndReportsEachBadLine() {
    String run = "imp-" + UUID.randomUUID();
    String body =
        String.join(
            "\n",
            "{\"type\":\"track\",\"event\":\"A\",\"userId\":\"" + run + "-1\"}",
            "",
            "{\"type\":\"identify\",\"userId\":\"" + run + "-2\"}",
            "{not json " + run + "}",
            "{\"type\":\"track\",\"event\":\"No identity " + run + "\"}",
            "{\"type\":\"page\",\"anonymousId\":\"" + run + "-3\"}\r");
    HttpResponse<String> response =
        client()
            .post(
                "/v1/import?importId=" + run,
                body.getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode report = json(response.body());
    assertThat(report.path("state").asString()).isEqualTo("completed");
    assertThat(report.path("lines").asLong()).isEqualTo(6);
    assertThat(report.path("accepted").asLong()).isEqualTo(3);
    assertThat(report.path("quarantined").asLong()).isEqualTo(2);
    assertThat(report.path("errors"))
        .extracting(
            e -> e.path("line").asInt() + ":" + e.path("reasons").get(0).path("code").asString())
        .containsExactly("4:malformed_json", "5:identity_missing");
    assertThat(recordsWith(RAW, run, 3)).hasSize(3);
    assertThat(recordsWith(QUARANTINE, run, 2)).hasSize(2);

    JsonNode progress =
        json(
            client()
                .send(
                    client()
                        .request("/v1/import/" + run)
                        .header("Authorization", client().authorization())
                        .GET()
                        .build())
                .body());
    assertThat(progress.path("accepted").asLong()).isEqualTo(3);
  }

  @Test
  void importsCsvThroughAColumnMapping() {
    String run = "csv-" + UUID.randomUUID();
    String csv =
        """
        customer,order_total,ts,note,zip
        %1$s-1,19.99,2026-11-30T10:00:00Z,"says ""hi"", twice",01234
        %1$s-2,5,2026-11-30T11:00:00Z,"multi
        line",99999
        ,7,2026-11-30T12:00:00Z,no customer,1
        %1$s-3,1
        """
            .formatted(run);
    HttpResponse<String> response =
        client()
            .post(
                "/v1/import?type=track&event=Order%20Completed&mapping=customer:userId,order_total:properties.revenue,ts:timestamp,zip:properties.zip:string",
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode report = json(response.body());
    assertThat(report.path("accepted").asLong()).isEqualTo(2);
    assertThat(report.path("quarantined").asLong()).isEqualTo(2);

    List<JsonNode> events = recordsWith(RAW, run, 2);
    JsonNode first =
        events.stream()
            .filter(e -> e.path("userId").asString().endsWith("-1"))
            .findFirst()
            .orElseThrow();
    assertThat(first.path("event").asString()).isEqualTo("Order Completed");
    assertThat(first.path("properties").path("revenue").decimalValue())
        .isEqualByComparingTo("19.99");
    assertThat(first.path("properties").path("zip").asString()).isEqualTo("01234");
    assertThat(first.path("properties").path("note").asString()).isEqualTo("says \"hi\", twice");
    assertThat(first.path("timestamp").asString()).isEqualTo("2026-11-30T10:00:00Z");
    JsonNode second =
        events.stream()
            .filter(e -> e.path("userId").asString().endsWith("-2"))
            .findFirst()
            .orElseThrow();
    assertThat(second.path("properties").path("note").asString()).isEqualTo("multi\nline");
  }

  @Test
  void treatsAJsonBodyOnImportAsABatchLikeSegment() {
    String user = "u-" + UUID.randomUUID();
    HttpResponse<String> response =
        client()
            .post(
                "/v1/import/",
                "{\"batch\":[{\"type\":\"track\",\"event\":\"e\",\"userId\":\"" + user + "\"}]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response.body()).path("success").asBoolean()).isTrue();
    assertThat(recordsWith(RAW, user, 1)).hasSize(1);
  }

  @Test
  void refusesAReusedImportId() {
    String run = "dup-" + UUID.randomUUID();
    byte[] body = "{\"type\":\"identify\",\"userId\":\"x\"}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(
            client().post("/v1/import?importId=" + run, body, "application/x-ndjson").statusCode())
        .isEqualTo(200);
    assertThat(
            client().post("/v1/import?importId=" + run, body, "application/x-ndjson").statusCode())
        .isEqualTo(400);
  }
}
