package org.opencdp.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.gateway.GatewayClient.basic;
import static org.opencdp.gateway.GatewayClient.bearer;
import static org.opencdp.gateway.GatewayClient.json;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.GatewayIntegrationTest;
import org.opencdp.gateway.tenants.Tenants;

/** Size limits, browser-facing headers and the circuit breaker, through the real gateway. */
class EdgeTest extends GatewayIntegrationTest {

  private HttpRequest.Builder post(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json");
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) 'a');
    return b;
  }

  @Test
  void refusesBatchOverFiveHundredTwelveKilobytes() {
    Tenants.Created tenant = newTenant();

    HttpResponse<String> response =
        client.send(
            post("/v1/batch").POST(HttpRequest.BodyPublishers.ofByteArray(bytes(600 * 1024))),
            basic(tenant.writeKey()));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("code").asString()).isEqualTo("body-too-large");
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void refusesStreamedBodyWithoutLengthOnceItPassesTheLimit() {
    Tenants.Created tenant = newTenant();

    HttpResponse<String> response =
        client.send(
            post("/v1/query/sql")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(bytes(3 * 1024 * 1024)))),
            bearer(tenant.secretKey()));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("code").asString()).isEqualTo("body-too-large");
  }

  @Test
  void streamsLargeImportsThrough() throws Exception {
    Tenants.Created tenant = newTenant();

    HttpResponse<String> response =
        client.send(
            post("/v1/import")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(bytes(4 * 1024 * 1024)))),
            basic(tenant.writeKey()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(DOWNSTREAM.next().body()).hasSize(4 * 1024 * 1024);
  }

  @Test
  void answersWithSecurityHeadersEvenWhenRefusing() {
    HttpResponse<String> response = client.get("/v1/admin/tenants/x/keys", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void answersConsolePreflightWithoutKey() {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/query/sql"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", CONSOLE_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"),
            null);
    HttpResponse<String> foreign =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/query/sql"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.test")
                .header("Access-Control-Request-Method", "POST"),
            null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(CONSOLE_ORIGIN);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void answers504ProblemWhenTheDownstreamStopsAnswering() {
    Tenants.Created tenant = newTenant();
    Instant start = Instant.now();

    HttpResponse<String> response = client.get("/v1/reports/slow", bearer(tenant.secretKey()));

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(json(response).get("code").asString()).isEqualTo("downstream-timeout");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(4000));
  }

  @Test
  void opensTheBreakerOfADeadDownstreamAndAnswers503AtOnce() {
    Tenants.Created tenant = newTenant();
    String detail = "";
    for (int i = 0; i < 30 && !detail.contains("paused"); i++) {
      HttpResponse<String> r = client.get("/v1/lineage/files", bearer(tenant.secretKey()));
      assertThat(r.statusCode()).isEqualTo(503);
      detail = json(r).get("detail").asString();
    }
    assertThat(detail).contains("paused");

    Instant start = Instant.now();
    HttpResponse<String> open = client.get("/v1/quality/rules", bearer(tenant.secretKey()));

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(500));
    assertThat(open.statusCode()).isEqualTo(503);
    assertThat(open.headers().firstValue("Retry-After")).isPresent();
    assertThat(open.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }
}
