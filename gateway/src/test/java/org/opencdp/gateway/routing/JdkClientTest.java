package org.opencdp.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.gateway.GatewayClient.basic;
import static org.opencdp.gateway.GatewayClient.bearer;
import static org.opencdp.gateway.GatewayClient.json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.GatewayIntegrationTest;
import org.opencdp.gateway.RecordingServer.Received;
import org.opencdp.gateway.tenants.Tenants;
import org.springframework.test.context.TestPropertySource;

/** The routes on the JDK client behave as on the default pooled client: bodies, 503, 504. */
@TestPropertySource(properties = "cdp.gateway.http-client=jdk")
class JdkClientTest extends GatewayIntegrationTest {

  @Test
  void forwardsRequestsOverKeptAliveConnections() throws Exception {
    Tenants.Created tenant = newTenant();
    for (int i = 0; i < 20; i++) {
      String event = "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u" + i + "\"}";
      HttpResponse<String> response = client.post("/v1/track", basic(tenant.writeKey()), event);
      assertThat(response.statusCode()).isEqualTo(200);
      Received received = DOWNSTREAM.next();
      assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(event);
      assertThat(received.header("Authorization")).startsWith("Bearer ");
    }
  }

  @Test
  void answers503ForADeadDownstreamAnd504ForASilentOne() {
    Tenants.Created tenant = newTenant();
    Instant start = Instant.now();

    HttpResponse<String> dead = client.get("/v1/quality/quarantine", bearer(tenant.secretKey()));
    HttpResponse<String> slow = client.get("/v1/reports/slow", bearer(tenant.secretKey()));

    assertThat(dead.statusCode()).isEqualTo(503);
    assertThat(json(dead).get("code").asString()).isEqualTo("downstream-unavailable");
    assertThat(slow.statusCode()).isEqualTo(504);
    assertThat(json(slow).get("code").asString()).isEqualTo("downstream-timeout");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(6));
  }
}
