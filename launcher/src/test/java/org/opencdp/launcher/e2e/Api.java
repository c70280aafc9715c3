package org.opencdp.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.launcher.e2e.Client.JSON;
import static org.opencdp.launcher.e2e.Client.basic;
import static org.opencdp.launcher.e2e.Client.bearer;
import static org.opencdp.launcher.e2e.Client.describe;
import static org.opencdp.launcher.e2e.Client.json;
import static org.opencdp.launcher.e2e.Client.poll;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the scenarios do through the gateway: tenants, batches of marked events, SQL, quarantine.
 */
final class Api {

  static final Duration LANDING = Duration.ofSeconds(60);
  static final Duration RECOVERY = Duration.ofSeconds(180);

  /** A tenant and the two keys a client of it holds. */
  record Tenant(String id, String writeKey, String secretKey) {}

  private final Client client;
  private final String adminKey;

  Api(Client client, String adminKey) {
    this.client = client;
    this.adminKey = adminKey;
  }

  // events i in [from, from + n) of marker, in batches of at most batchSize, retried as a client
  void send(Tenant tenant, String marker, int from, int n, int batchSize) throws Exception {
    for (int first = from; first < from + n; first += batchSize) {
      ArrayNode batch = JSON.createArrayNode();
      for (int i = first; i < Math.min(from + n, first + batchSize); i++) {
        ObjectNode event = batch.addObject();
        event.put("type", "track").put("messageId", marker + "-" + i);
        event.put("userId", "user-" + (i % 17)).put("event", marker);
        event.put("timestamp", Instant.now().toString());
        event.putObject("properties").put("marker", marker).put("i", i);
      }
      ObjectNode body = JSON.createObjectNode().set("batch", batch);
      HttpResponse<String> response =
          client.postRetrying("/v1/batch", basic(tenant.writeKey()), body, RECOVERY);
      ok(response, 200);
    }
  }

  JsonNode awaitCount(Tenant tenant, String marker, long expected) throws Exception {
    String sql =
        "select count(*), count(distinct message_id) from events where event = '" + marker + "'";
    JsonNode result =
        poll(
            LANDING.plus(RECOVERY),
            Duration.ofMillis(500),
            () -> client.sql(tenant.secretKey(), sql),
            r -> r.path("rows").get(0).get(0).asLong() >= expected,
            expected + " events of " + marker + " for " + tenant.id());
    assertThat(result.path("rows").get(0).get(0).asLong()).as("count(*)").isEqualTo(expected);
    return result;
  }

  long count(Tenant tenant, String marker) throws Exception {
    return client
        .sql(tenant.secretKey(), "select count(*) from events where event = '" + marker + "'")
        .path("rows")
        .get(0)
        .get(0)
        .asLong();
  }

  Tenant createTenant(String prefix) throws Exception {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode body = JSON.createObjectNode().put("tenantId", id).put("name", id);
    HttpResponse<String> created =
        client.postRetrying("/v1/admin/tenants", bearer(adminKey), body, LANDING);
    ok(created, 201);
    JsonNode keys = json(created);
    return new Tenant(id, keys.path("writeKey").asString(), keys.path("secretKey").asString());
  }

  static ObjectNode plan(String marker, boolean requirePlanCode) {
    ObjectNode plan =
        JSON.createObjectNode().put("id", "signup").put("name", "Signup").put("mode", "quarantine");
    ObjectNode event = plan.putArray("events").addObject().put("type", "track").put("name", marker);
    ObjectNode schema = event.putObject("schema").put("type", "object");
    if (requirePlanCode) {
      schema.putArray("required").add("plan_code");
    }
    schema.putObject("properties").putObject("plan_code").put("type", "string");
    return plan;
  }

  JsonNode quarantined(Tenant tenant, String messageId) throws Exception {
    HttpResponse<String> list =
        client.get(
            "/v1/quality/quarantine?limit=100&reason="
                + URLEncoder.encode("required_missing", StandardCharsets.UTF_8),
            bearer(tenant.secretKey()));
    ok(list, 200);
    for (JsonNode item : json(list).path("items")) {
      if (messageId.equals(item.path("messageId").asString())) {
        return item;
      }
    }
    return JSON.missingNode();
  }

  JsonNode replay(Tenant tenant, String id) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("reason", "plan relaxed: plan_code optional");
    body.putArray("ids").add(id);
    HttpResponse<String> response =
        client.post("/v1/quality/quarantine/replay", bearer(tenant.secretKey()), body);
    ok(response, 200);
    return json(response);
  }

  static void ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(status);
  }
}
