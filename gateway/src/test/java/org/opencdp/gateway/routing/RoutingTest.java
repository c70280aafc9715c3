package org.opencdp.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.gateway.GatewayClient.basic;
import static org.opencdp.gateway.GatewayClient.bearer;
import static org.opencdp.gateway.GatewayClient.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.GatewayIntegrationTest;
import org.opencdp.gateway.RecordingServer.Received;
import org.opencdp.gateway.keys.ApiKeys;
import org.opencdp.gateway.tenants.Tenants;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.auth.InternalTokenVerifier;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.beans.factory.annotation.Autowired;

class RoutingTest extends GatewayIntegrationTest {

  private static final String EVENT =
      "{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"u1\"}";

  @Autowired InternalTokenVerifier verifier;
  @Autowired ApiKeys keys;
  @Autowired InternalTokenSigner signer;

  @Test
  void forwardsWriteKeyRequestWithInternalTokenInsteadOfTheKey() throws Exception {
    Tenants.Created tenant = newTenant();

    HttpResponse<String> response = client.post("/v1/track", basic(tenant.writeKey()), EVENT);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"success\":true}");
    Received received = DOWNSTREAM.next();
    assertThat(received.path()).isEqualTo("/v1/track");
    assertThat(new String(received.body())).isEqualTo(EVENT);
    String authorization = received.header("Authorization");
    assertThat(authorization).startsWith("Bearer ").doesNotContain(tenant.writeKey());
    CallerIdentity identity = verifier.verify(authorization.substring(7));
    assertThat(identity.tenantId()).isEqualTo(tenant.tenantId());
    assertThat(identity.roles()).containsExactly(Role.WRITE);
    assertThat(identity.sourceId()).isEqualTo(identity.keyId());
    assertThat(received.headers().toString()).doesNotContain(tenant.writeKey());
  }

  @Test
  void refusesFormBodiesRatherThanForwardThemReEncoded() throws Exception {
    Tenants.Created tenant = newTenant();
    DOWNSTREAM.clear();

    // curl -d sends JSON as application/x-www-form-urlencoded; proxying would re-encode it.
    HttpResponse<String> response =
        client.send(
            client
                .request("/v1/batch")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"batch\":[" + EVENT + "]}")),
            basic(tenant.writeKey()));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(org.opencdp.gateway.GatewayClient.json(response).path("field").asString())
        .isEqualTo("Content-Type");
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void forwardsSecretKeyRequestWithTheKeysRolesAndNeverTheKey() throws Exception {
    Tenants.Created tenant = newTenant();

    HttpResponse<String> response =
        client.post(
            "/v1/query/sql?maxRows=5", bearer(tenant.secretKey()), "{\"sql\":\"select 1\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    Received received = DOWNSTREAM.next();
    assertThat(received.path()).isEqualTo("/v1/query/sql");
    CallerIdentity identity = verifier.verify(received.header("Authorization").substring(7));
    assertThat(identity.tenantId()).isEqualTo(tenant.tenantId());
    assertThat(identity.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.ANALYST, Role.APP);
    assertThat(identity.sourceId()).isNull();
    assertThat(received.headers().toString()).doesNotContain(tenant.secretKey());
  }

  @Test
  void routesLbUrisThroughTheDiscoveryClient() throws Exception {
    Tenants.Created tenant = newTenant();

    // cdp.gateway.routes.report=lb://report-service, one simple-discovery instance: DOWNSTREAM.
    HttpResponse<String> response =
        client.post("/v1/reports/weekly", bearer(tenant.secretKey()), "{\"lang\":\"en\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Received received = DOWNSTREAM.next();
    assertThat(received.path()).isEqualTo("/v1/reports/weekly");
    assertThat(verifier.verify(received.header("Authorization").substring(7)).tenantId())
        .isEqualTo(tenant.tenantId());
  }

  @Test
  void dropsClientSentInternalHeadersAndCookiesAndKeepsTheOthers() throws Exception {
    Tenants.Created tenant = newTenant();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/v1/track"))
            .header("X-Cdp-Tenant", "someone-else")
            .header("x-cdp-roles", "admin")
            .header("Cookie", "session=abc")
            .header("Proxy-Authorization", "Basic c29tZW9uZTpzZWNyZXQ=")
            .header("X-Request-Id", "req-42")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(EVENT));

    assertThat(client.send(request, basic(tenant.writeKey())).statusCode()).isEqualTo(200);

    Received received = DOWNSTREAM.next();
    assertThat(received.header("X-Cdp-Tenant")).isNull();
    assertThat(received.header("X-Cdp-Roles")).isNull();
    assertThat(received.header("Cookie")).isNull();
    assertThat(received.header("Proxy-Authorization")).isNull();
    assertThat(received.header("X-Request-Id")).isEqualTo("req-42");
    assertThat(received.header("Content-Type")).startsWith("application/json");
    assertThat(received.header("Authorization")).startsWith("Bearer ");
  }

  @Test
  void refusesRequestWithoutKeyAndForwardsNothing() {
    HttpResponse<String> response = client.post("/v1/track", null, EVENT);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(response).get("code").asString()).isEqualTo("missing-key");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void refusesUnknownKeys() {
    HttpResponse<String> write =
        client.post("/v1/track", basic("cdp_wk_00000000000000000000000000000000"), EVENT);
    HttpResponse<String> secret = client.post("/v1/query/sql", bearer("cdp_sk_nope"), "{}");
    HttpResponse<String> garbage = client.post("/v1/track", "Basic !!!", EVENT);

    assertThat(write.statusCode()).isEqualTo(401);
    assertThat(json(write).get("code").asString()).isEqualTo("invalid-key");
    assertThat(secret.statusCode()).isEqualTo(401);
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void revokedKeyStopsWorkingWithinTheCacheTimeEvenWhenRevokedByAnotherReplica() throws Exception {
    Tenants.Created tenant = newTenant();
    assertThat(client.post("/v1/track", basic(tenant.writeKey()), EVENT).statusCode())
        .isEqualTo(200);
    String keyId = keys.ofTenant(tenant.tenantId()).get(0).keyId();

    // Straight in the database, as another replica would: this replica's cache does not know.
    keys.revoke(tenant.tenantId(), keyId);
    Instant revoked = Instant.now();
    int status = 200;
    while (status == 200 && Duration.between(revoked, Instant.now()).toMillis() < 5000) {
      status = client.post("/v1/track", basic(tenant.writeKey()), EVENT).statusCode();
      Thread.sleep(50);
    }

    assertThat(status).isEqualTo(401);
    assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofMillis(1500));
    HttpResponse<String> after = client.post("/v1/track", basic(tenant.writeKey()), EVENT);
    assertThat(json(after).get("code").asString()).isEqualTo("revoked-key");
  }

  @Test
  void refusesInternalTokensSentByClientsEvenWhenValidlySigned() {
    Tenants.Created tenant = newTenant();
    String token =
        signer.sign(
            new CallerIdentity(
                tenant.tenantId(), "forged", Set.of(Role.ANALYST, Role.ADMIN), null));

    HttpResponse<String> response = client.post("/v1/query/sql", bearer(token), "{}");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void refusesKeysWithoutTheRouteRole() {
    Tenants.Created tenant = newTenant();
    String appOnly =
        keys.issue(tenant.tenantId(), org.opencdp.gateway.keys.KeyKind.SECRET, Set.of(Role.APP))
            .key();

    HttpResponse<String> writeKeyOnQuery =
        client.post("/v1/query/sql", basic(tenant.writeKey()), "{}");
    HttpResponse<String> secretKeyOnIngest =
        client.post("/v1/track", bearer(tenant.secretKey()), EVENT);
    HttpResponse<String> appKeyOnKnowledge =
        client.post("/v1/knowledge/ask", bearer(appOnly), "{}");
    HttpResponse<String> adminKeyOnRoute = client.post("/v1/query/sql", bearer(ADMIN_KEY), "{}");

    assertThat(writeKeyOnQuery.statusCode()).isEqualTo(403);
    assertThat(json(writeKeyOnQuery).get("code").asString()).isEqualTo("role-required");
    assertThat(secretKeyOnIngest.statusCode()).isEqualTo(403);
    assertThat(appKeyOnKnowledge.statusCode()).isEqualTo(403);
    assertThat(adminKeyOnRoute.statusCode()).isEqualTo(403);
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void refusesKeysInUrls() {
    Tenants.Created tenant = newTenant();

    HttpResponse<String> named =
        client.post("/v1/track?writeKey=" + tenant.writeKey(), null, EVENT);
    HttpResponse<String> valued =
        client.get("/v1/query/tables?x=" + tenant.secretKey(), bearer(tenant.secretKey()));

    assertThat(named.statusCode()).isEqualTo(400);
    assertThat(json(named).get("code").asString()).isEqualTo("key-in-url");
    assertThat(named.body()).doesNotContain(tenant.writeKey());
    assertThat(valued.statusCode()).isEqualTo(400);
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void refusesDottedPathsThatCouldReachAnotherRoute() {
    Tenants.Created tenant = newTenant();

    HttpResponse<String> response =
        client.post("/v1/track/../query/sql", basic(tenant.writeKey()), EVENT);

    assertThat(response.statusCode()).isBetween(400, 403);
    assertThat(DOWNSTREAM.count()).isZero();
  }

  @Test
  void answersFast503ProblemWhenTheDownstreamIsDown() {
    Tenants.Created tenant = newTenant();
    Instant start = Instant.now();

    HttpResponse<String> response =
        client.get("/v1/quality/quarantine", bearer(tenant.secretKey()));

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(response).get("code").asString()).isEqualTo("downstream-unavailable");
  }

  @Test
  void servesHealthWithoutKey() {
    assertThat(client.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    assertThat(client.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    assertThat(client.get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
    assertThat(client.get("/actuator/env", null).statusCode()).isEqualTo(401);
  }
}
