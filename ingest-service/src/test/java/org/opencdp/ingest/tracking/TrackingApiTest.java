package org.opencdp.ingest.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.ingest.IngestClient.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencdp.ingest.IngestClient;
import org.opencdp.ingest.IngestServiceTest;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.opencdp.testkit.Infrastructure;
import tools.jackson.databind.JsonNode;

class TrackingApiTest extends IngestServiceTest {

  static List<JsonNode> eventsOf(String topic, String userId, int expected) {
    return recordsWith(topic, userId, expected);
  }

  @Test
  void acceptsEveryMessageTypeAndWritesItToRawEventsEnriched() {
    String user = "u-" + UUID.randomUUID();
    IngestClient client = client();
    String[][] cases = {
      {
        "/v1/track",
        "{\"userId\":\"%s\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":19.99}}"
      },
      {"/v1/identify", "{\"userId\":\"%s\",\"traits\":{\"email\":\"a@b.c\"}}"},
      {"/v1/page", "{\"userId\":\"%s\",\"name\":\"Home\"}"},
      {"/v1/screen", "{\"userId\":\"%s\",\"name\":\"Checkout\"}"},
      {"/v1/group", "{\"userId\":\"%s\",\"groupId\":\"g1\"}"},
      {"/v1/alias", "{\"userId\":\"%s\",\"previousId\":\"anon-1\"}"}
    };
    for (String[] c : cases) {
      HttpResponse<String> response = client.post(c[0], c[1].formatted(user));
      assertThat(response.statusCode()).as(c[0] + " " + response.body()).isEqualTo(200);
      assertThat(json(response.body()).path("success").asBoolean()).isTrue();
    }

    List<JsonNode> events = eventsOf(RAW, user, 6);
    assertThat(events)
        .extracting(e -> e.path("type").asString())
        .containsExactlyInAnyOrder("track", "identify", "page", "screen", "group", "alias");
    for (JsonNode e : events) {
      assertThat(e.path("tenantId").asString()).isEqualTo("acme");
      assertThat(e.path("sourceId").asString()).isEqualTo("web");
      assertThat(e.path("messageId").asString()).isNotBlank();
      assertThat(Instant.parse(e.path("receivedAt").asString()))
          .isBefore(Instant.now().plusSeconds(1));
    }
    JsonNode track =
        events.stream()
            .filter(e -> e.path("type").asString().equals("track"))
            .findFirst()
            .orElseThrow();
    assertThat(track.path("properties").path("revenue").decimalValue())
        .isEqualByComparingTo("19.99");
  }

  @Test
  void keysRecordsByTenantAndIdentity() {
    String user = "u-" + UUID.randomUUID();
    assertThat(client().post("/v1/identify", "{\"userId\":\"" + user + "\"}").statusCode())
        .isEqualTo(200);
    eventsOf(RAW, user, 1);
    assertThat(Infrastructure.kafka().readAll(RAW, Duration.ofSeconds(5)))
        .anySatisfy(r -> assertThat(r.key()).isEqualTo("acme:" + user));
  }

  @Test
  void correctsClientClockSkewWithSentAt() {
    String user = "u-" + UUID.randomUUID();
    // The client's clock runs one hour behind: it sent the event 2 s after making it.
    String body =
        "{\"userId\":\"%s\",\"event\":\"x\",\"timestamp\":\"2020-01-01T00:00:00Z\",\"sentAt\":\"2020-01-01T00:00:02Z\"}"
            .formatted(user);
    Instant before = Instant.now();
    assertThat(client().post("/v1/track", body).statusCode()).isEqualTo(200);

    JsonNode event = eventsOf(RAW, user, 1).get(0);
    Instant received = Instant.parse(event.path("receivedAt").asString());
    assertThat(received).isAfterOrEqualTo(before.minusSeconds(1));
    assertThat(Instant.parse(event.path("timestamp").asString()))
        .isEqualTo(received.minusSeconds(2));
    assertThat(event.path("originalTimestamp").asString()).isEqualTo("2020-01-01T00:00:00Z");
  }

  @Test
  void keepsExtraTopLevelFieldsAndIgnoresATenantClaimedInTheBody() {
    String user = "u-" + UUID.randomUUID();
    String body =
        "{\"userId\":\"%s\",\"event\":\"x\",\"tenantId\":\"someone-else\",\"version\":2,\"x_custom\":{\"a\":[1,2]}}"
            .formatted(user);
    assertThat(client().post("/v1/track", body).statusCode()).isEqualTo(200);
    JsonNode event = eventsOf(RAW, user, 1).get(0);
    assertThat(event.path("tenantId").asString()).isEqualTo("acme");
    assertThat(event.path("version").asInt()).isEqualTo(2);
    assertThat(event.path("x_custom").path("a").get(1).asInt()).isEqualTo(2);
  }

  @Test
  void keepsTheClientsMessageIdAndGeneratesOneWhenAbsent() {
    String user = "u-" + UUID.randomUUID();
    client()
        .post(
            "/v1/track",
            "{\"userId\":\"%s\",\"event\":\"a\",\"messageId\":\"mine-1\"}".formatted(user));
    client().post("/v1/track", "{\"userId\":\"%s\",\"event\":\"b\"}".formatted(user));
    List<JsonNode> events = eventsOf(RAW, user, 2);
    assertThat(events)
        .extracting(e -> e.path("messageId").asString())
        .contains("mine-1")
        .hasSize(2);
  }

  @Test
  void acceptsGzippedBodies() {
    String user = "u-" + UUID.randomUUID();
    byte[] body =
        IngestClient.gzip(
            "{\"batch\":[{\"type\":\"track\",\"event\":\"z\",\"userId\":\"" + user + "\"}]}");
    HttpResponse<String> response =
        client().post("/v1/batch", body, "application/json", "Content-Encoding", "gzip");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(eventsOf(RAW, user, 1)).hasSize(1);
  }

  @Test
  void quarantinesBadEventsInsideABatchAndAcceptsTheRest() {
    String user = "u-" + UUID.randomUUID();
    String body =
        """
        {"batch":[
          {"type":"track","event":"Good","userId":"%1$s","messageId":"good-1"},
          {"type":"track","event":"No identity","messageId":"bad-1","properties":{"userRef":"%1$s"}},
          {"type":"purchase","userId":"%1$s","messageId":"bad-2"},
          {"type":"identify","userId":"%1$s","timestamp":"yesterday","messageId":"bad-3"}
        ],"context":{"library":{"name":"test"}}}"""
            .formatted(user);
    HttpResponse<String> response = client().post("/v1/batch", body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json(response.body());
    assertThat(answer.path("success").asBoolean()).isTrue();
    assertThat(answer.path("quarantined"))
        .extracting(
            q -> q.path("index").asInt() + ":" + q.path("reasons").get(0).path("code").asString())
        .containsExactly("1:identity_missing", "2:type_unknown", "3:timestamp_invalid");

    JsonNode good = eventsOf(RAW, user, 1).get(0);
    assertThat(good.path("messageId").asString()).isEqualTo("good-1");
    assertThat(good.path("context").path("library").path("name").asString()).isEqualTo("test");
    List<JsonNode> quarantined =
        Infrastructure.kafka().readAll(QUARANTINE, Duration.ofSeconds(5)).stream()
            .map(r -> json(r.value()))
            .filter(q -> q.path("messageId").asString("").startsWith("bad-"))
            .filter(q -> q.path("payload").toString().contains(user))
            .toList();
    assertThat(quarantined).hasSize(3);
    assertThat(quarantined.get(0).path("tenantId").asString()).isEqualTo("acme");
    assertThat(quarantined.get(0).path("stage").asString()).isEqualTo("ingest");
  }

  @Test
  void acceptsTheGatewaysInternalToken() {
    String user = "u-" + UUID.randomUUID();
    String token = signer.sign(new CallerIdentity("acme", "key-1", EnumSet.of(Role.WRITE), "app"));
    HttpRequest request =
        client()
            .request("/v1/identify")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\"}"))
            .build();
    assertThat(client().send(request).statusCode()).isEqualTo(200);
    assertThat(eventsOf(RAW, user, 1).get(0).path("sourceId").asString()).isEqualTo("app");
  }

  @Test
  void dropsAWriteKeyLeftInTheBodyAndDoesNotStoreIt() {
    // The gateway authenticates such a request by the body's key and forwards the body unchanged.
    String user = "u-" + UUID.randomUUID();
    HttpResponse<String> response =
        client()
            .post(
                "/v1/track",
                "{\"userId\":\"%s\",\"event\":\"e\",\"writeKey\":\"cdp_wk_secret\"}"
                    .formatted(user));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode event = eventsOf(RAW, user, 1).get(0);
    assertThat(event.has("writeKey")).isFalse();
    assertThat(event.toString()).doesNotContain("cdp_wk_secret");
  }

  @Test
  void refusesAWriteKeySentStraightToTheService() {
    // Only the gateway checks tenant keys: a key presented to the service port is not enough.
    HttpRequest basic =
        client()
            .request("/v1/track")
            .header("Authorization", IngestClient.basic("cdp_wk_anything"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u\",\"event\":\"e\"}"))
            .build();
    HttpRequest inBody =
        client()
            .request("/v1/batch")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"writeKey\":\"cdp_wk_anything\",\"batch\":[]}"))
            .build();
    assertThat(client().send(basic).statusCode()).isEqualTo(401);
    assertThat(client().send(inBody).statusCode()).isEqualTo(401);
  }

  @Test
  void servesItsOpenApiDescription() {
    HttpResponse<String> response = client().send(client().request("/v3/api-docs").GET().build());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode paths = json(response.body()).path("paths");
    assertThat(paths.has("/v1/batch")).isTrue();
    assertThat(paths.has("/v1/import")).isTrue();
    assertThat(paths.has("/v1/documents")).isTrue();
    assertThat(paths.path("/v1/track").path("post").path("summary").asString()).isNotBlank();
  }
}
