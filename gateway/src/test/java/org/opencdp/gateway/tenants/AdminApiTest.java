package org.opencdp.gateway.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.gateway.GatewayClient.basic;
import static org.opencdp.gateway.GatewayClient.bearer;
import static org.opencdp.gateway.GatewayClient.json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;

class AdminApiTest extends GatewayIntegrationTest {

  private static final String EVENT = "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\"}";

  @Test
  void createsTenantAnsweringExactlyItsIdAndBothKeys() {
    String id = "acme-" + UUID.randomUUID().toString().substring(0, 6);

    HttpResponse<String> response =
        client.post(
            "/v1/admin/tenants",
            bearer(ADMIN_KEY),
            "{\"tenantId\":\"" + id + "\",\"name\":\"Acme\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = json(response);
    List<String> fields = new ArrayList<>(body.propertyNames());
    assertThat(fields).containsExactly("tenantId", "writeKey", "secretKey");
    assertThat(body.get("tenantId").asString()).isEqualTo(id);
    assertThat(body.get("writeKey").asString()).matches("cdp_wk_[0-9A-Za-z]{32}");
    assertThat(body.get("secretKey").asString()).matches("cdp_sk_[0-9A-Za-z]{40}");
    assertThat(client.post("/v1/track", basic(body.get("writeKey").asString()), EVENT).statusCode())
        .isEqualTo(200);
    assertThat(
            client
                .post("/v1/query/sql", bearer(body.get("secretKey").asString()), "{}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusesDuplicateAndInvalidTenantIds() {
    Tenants.Created existing = newTenant();

    HttpResponse<String> duplicate =
        client.post(
            "/v1/admin/tenants",
            bearer(ADMIN_KEY),
            "{\"tenantId\":\"" + existing.tenantId() + "\",\"name\":\"Again\"}");
    HttpResponse<String> invalid =
        client.post("/v1/admin/tenants", bearer(ADMIN_KEY), "{\"tenantId\":\"../Acme\"}");

    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(json(duplicate).get("code").asString()).isEqualTo("tenant-exists");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(json(invalid).get("field").asString()).isEqualTo("tenantId");
  }

  @Test
  void tenantAdminKeyCannotCreateTenants() {
    Tenants.Created tenant = newTenant();

    HttpResponse<String> response =
        client.post("/v1/admin/tenants", bearer(tenant.secretKey()), "{\"tenantId\":\"evil\"}");
    HttpResponse<String> withWriteKey =
        client.post("/v1/admin/tenants", basic(tenant.writeKey()), "{\"tenantId\":\"evil\"}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(withWriteKey.statusCode()).isEqualTo(403);
    assertThat(tenants.exists("evil")).isFalse();
  }

  @Test
  void tenantAdminSeesOnlyItsOwnKeys() {
    Tenants.Created mine = newTenant();
    Tenants.Created other = newTenant();

    HttpResponse<String> own =
        client.get("/v1/admin/tenants/" + mine.tenantId() + "/keys", bearer(mine.secretKey()));
    HttpResponse<String> foreign =
        client.get("/v1/admin/tenants/" + other.tenantId() + "/keys", bearer(mine.secretKey()));
    HttpResponse<String> foreignCreate =
        client.post(
            "/v1/admin/tenants/" + other.tenantId() + "/keys",
            bearer(mine.secretKey()),
            "{\"kind\":\"write\"}");

    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(json(own).size()).isEqualTo(2);
    assertThat(own.body())
        .doesNotContain(mine.secretKey(), mine.writeKey(), "hash")
        .contains("\"kind\":\"write\"", "\"kind\":\"secret\"");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).doesNotContain(other.tenantId() + "\"", "cdp_wk_");
    assertThat(foreignCreate.statusCode()).isEqualTo(403);
  }

  @Test
  void keysWithoutAdminRoleCannotManageKeys() {
    Tenants.Created tenant = newTenant();
    String analyst =
        createKey(tenant.tenantId(), bearer(ADMIN_KEY), "[\"analyst\"]").get("key").asString();

    HttpResponse<String> response =
        client.get("/v1/admin/tenants/" + tenant.tenantId() + "/keys", bearer(analyst));

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void createsKeyShownOnceWithTheRequestedRoles() {
    Tenants.Created tenant = newTenant();

    JsonNode created = createKey(tenant.tenantId(), bearer(tenant.secretKey()), "[\"analyst\"]");

    String key = created.get("key").asString();
    assertThat(key).startsWith("cdp_sk_");
    assertThat(created.get("roles").toString()).isEqualTo("[\"analyst\"]");
    assertThat(key).startsWith(created.get("prefix").asString());
    assertThat(client.post("/v1/query/sql", bearer(key), "{}").statusCode()).isEqualTo(200);
    assertThat(client.post("/v1/recommendations/for-user", bearer(key), "{}").statusCode())
        .isEqualTo(403);
    HttpResponse<String> list =
        client.get("/v1/admin/tenants/" + tenant.tenantId() + "/keys", bearer(ADMIN_KEY));
    assertThat(list.body()).doesNotContain(key);
  }

  @Test
  void rotatesKeyRevokingTheOldOne() {
    Tenants.Created tenant = newTenant();
    String writeKeyId = keyIdOfKind(tenant, "write");

    HttpResponse<String> rotated =
        client.post(
            "/v1/admin/tenants/" + tenant.tenantId() + "/keys/" + writeKeyId + "/rotate",
            bearer(tenant.secretKey()),
            null);

    assertThat(rotated.statusCode()).isEqualTo(201);
    String newKey = json(rotated).get("key").asString();
    assertThat(newKey).startsWith("cdp_wk_").isNotEqualTo(tenant.writeKey());
    assertThat(client.post("/v1/track", basic(newKey), EVENT).statusCode()).isEqualTo(200);
    HttpResponse<String> old = client.post("/v1/track", basic(tenant.writeKey()), EVENT);
    assertThat(old.statusCode()).isEqualTo(401);
    assertThat(json(old).get("code").asString()).isEqualTo("revoked-key");
  }

  @Test
  void revokedKeyIsRefusedAtOnceOnTheReplicaThatRevokedIt() {
    Tenants.Created tenant = newTenant();
    assertThat(client.post("/v1/track", basic(tenant.writeKey()), EVENT).statusCode())
        .isEqualTo(200);

    HttpResponse<String> deleted =
        client.delete(
            "/v1/admin/tenants/" + tenant.tenantId() + "/keys/" + keyIdOfKind(tenant, "write"),
            bearer(ADMIN_KEY));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(client.post("/v1/track", basic(tenant.writeKey()), EVENT).statusCode())
        .isEqualTo(401);
    HttpResponse<String> list =
        client.get("/v1/admin/tenants/" + tenant.tenantId() + "/keys", bearer(ADMIN_KEY));
    assertThat(list.body()).contains("\"revokedAt\":\"");
  }

  @Test
  void unknownKeyOrTenantIsNotFound() {
    Tenants.Created tenant = newTenant();

    HttpResponse<String> key =
        client.delete(
            "/v1/admin/tenants/" + tenant.tenantId() + "/keys/key_missing", bearer(ADMIN_KEY));
    HttpResponse<String> noTenant = client.get("/v1/admin/tenants/nobody/keys", bearer(ADMIN_KEY));

    assertThat(key.statusCode()).isEqualTo(404);
    assertThat(noTenant.statusCode()).isEqualTo(404);
  }

  private JsonNode createKey(String tenantId, String authorization, String roles) {
    HttpResponse<String> response =
        client.post(
            "/v1/admin/tenants/" + tenantId + "/keys",
            authorization,
            "{\"kind\":\"secret\",\"roles\":" + roles + "}");
    assertThat(response.statusCode()).isEqualTo(201);
    return json(response);
  }

  private String keyIdOfKind(Tenants.Created tenant, String kind) {
    JsonNode list =
        json(client.get("/v1/admin/tenants/" + tenant.tenantId() + "/keys", bearer(ADMIN_KEY)));
    for (JsonNode key : list) {
      if (key.get("kind").asString().equals(kind)) {
        return key.get("keyId").asString();
      }
    }
    throw new AssertionError("No " + kind + " key");
  }
}
