package org.opencdp.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.TrackMessage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.GatewayIntegrationTest;
import org.opencdp.gateway.RecordingServer.Received;
import org.opencdp.gateway.tenants.Tenants;
import org.opencdp.servicekit.auth.InternalTokenVerifier;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.beans.factory.annotation.Autowired;

/** Segment's server libraries put the write key in the JSON body; the gateway accepts it there. */
class BodyWriteKeyTest extends GatewayIntegrationTest {

  @Autowired InternalTokenVerifier verifier;

  @Test
  void takesTheWriteKeyFromTheBodyAndForwardsTheBodyUnchanged() throws Exception {
    Tenants.Created tenant = newTenant();
    String body =
        "{\"batch\":[{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\"}],\"writeKey\":\"%s\"}"
            .formatted(tenant.writeKey());

    HttpResponse<String> response = client.post("/v1/batch", null, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Received received = DOWNSTREAM.next();
    assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(body);
    String token = received.header("Authorization").substring("Bearer ".length());
    assertThat(verifier.verify(token).tenantId()).isEqualTo(tenant.tenantId());
    assertThat(verifier.verify(token).roles()).containsExactly(Role.WRITE);
  }

  @Test
  void readsTheKeyOfAGzippedBodyAndForwardsTheCompressedBytes() throws Exception {
    Tenants.Created tenant = newTenant();
    String json = "{\"writeKey\":\"%s\",\"batch\":[]}".formatted(tenant.writeKey());
    byte[] compressed = gzip(json);

    HttpResponse<String> response =
        client.send(
            client
                .request("/v1/batch")
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed)),
            null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Received received = DOWNSTREAM.next();
    assertThat(received.body()).isEqualTo(compressed);
    assertThat(
            new String(
                new GZIPInputStream(new java.io.ByteArrayInputStream(received.body()))
                    .readAllBytes(),
                StandardCharsets.UTF_8))
        .isEqualTo(json);
  }

  @Test
  void forwardsAChunkedBodyWhole() throws Exception {
    Tenants.Created tenant = newTenant();
    String viaBody = "{\"writeKey\":\"%s\",\"batch\":[]}".formatted(tenant.writeKey());
    String viaHeader = "{\"batch\":[],\"n\":2}";

    HttpResponse<String> first = client.send(chunked(viaBody), null);
    Received firstReceived = DOWNSTREAM.next();
    HttpResponse<String> second =
        client.send(chunked(viaHeader), org.opencdp.gateway.GatewayClient.basic(tenant.writeKey()));
    Received secondReceived = DOWNSTREAM.next();

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(new String(firstReceived.body(), StandardCharsets.UTF_8)).isEqualTo(viaBody);
    assertThat(new String(secondReceived.body(), StandardCharsets.UTF_8)).isEqualTo(viaHeader);
  }

  private HttpRequest.Builder chunked(String json) {
    // No declared length: the client sends Transfer-Encoding: chunked, as OkHttp does for gzip.
    return client
        .request("/v1/batch")
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void refusesAnUnknownOrMissingBodyKeyWithoutForwarding() {
    DOWNSTREAM.clear();

    HttpResponse<String> unknown =
        client.post("/v1/batch", null, "{\"writeKey\":\"cdp_wk_nope\",\"batch\":[]}");
    HttpResponse<String> notAString =
        client.post("/v1/track", null, "{\"writeKey\":42,\"event\":\"e\",\"userId\":\"u\"}");
    HttpResponse<String> nested =
        client.post("/v1/track", null, "{\"properties\":{\"writeKey\":\"cdp_wk_x\"}}");
    HttpResponse<String> malformed = client.post("/v1/track", null, "{\"writeKey\":");

    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(notAString.statusCode()).isEqualTo(401);
    assertThat(nested.statusCode()).isEqualTo(401);
    assertThat(malformed.statusCode()).isEqualTo(401);
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void aBodyKeyOpensOnlyIngestionRoutes() {
    Tenants.Created tenant = newTenant();
    DOWNSTREAM.clear();

    HttpResponse<String> response =
        client.post(
            "/v1/query/sql",
            null,
            "{\"writeKey\":\"%s\",\"sql\":\"select 1\"}".formatted(tenant.writeKey()));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void analyticsJavaReachesTheServiceThroughTheGateway() throws Exception {
    Tenants.Created tenant = newTenant();
    String user = "seg-" + UUID.randomUUID();
    Analytics analytics =
        Analytics.builder(tenant.writeKey()).endpoint("http://127.0.0.1:" + port).build();
    try {
      analytics.enqueue(TrackMessage.builder("Order Completed").userId(user));
      analytics.flush();
      // The downstream is shared by every test class: skip what an earlier test left in flight.
      Received received = DOWNSTREAM.next();
      for (int i = 0;
          i < 5 && !new String(received.body(), StandardCharsets.UTF_8).contains(user);
          i++) {
        received = DOWNSTREAM.next();
      }
      assertThat(received.path()).startsWith("/v1/");
      assertThat(new String(received.body(), StandardCharsets.UTF_8)).contains(user);
      String token = received.header("Authorization").substring("Bearer ".length());
      assertThat(verifier.verify(token).tenantId()).isEqualTo(tenant.tenantId());
    } finally {
      analytics.shutdown();
    }
  }

  private static byte[] gzip(String text) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
