package org.opencdp.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.gateway.GatewayClient.bearer;
import static org.opencdp.gateway.GatewayClient.json;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.GatewayIntegrationTest;
import org.opencdp.gateway.keys.ApiKeys;
import org.opencdp.gateway.keys.KeyKind;
import org.opencdp.gateway.tenants.Tenants;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.beans.factory.annotation.Autowired;

/** Through the real gateway: AI routes allow 3 calls per key at once and 5 per tenant a day. */
class RateLimitApiTest extends GatewayIntegrationTest {

  @Autowired ApiKeys keys;

  @Test
  void limitsAiRoutePerKeyWith429RetryAfterAndRateLimitHeaders() {
    Tenants.Created tenant = newTenant();

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> ok = client.post("/v1/knowledge/ask", bearer(tenant.secretKey()), "{}");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("RateLimit-Limit")).hasValue("3");
      assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(String.valueOf(2 - i));
    }
    HttpResponse<String> refused =
        client.post("/v1/knowledge/ask", bearer(tenant.secretKey()), "{}");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(json(refused).get("code").asString()).isEqualTo("rate-limited");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
    assertThat(refused.headers().firstValue("RateLimit-Reset")).isPresent();
    assertThat(DOWNSTREAM.count()).isEqualTo(3);
    assertThat(client.post("/v1/query/sql", bearer(tenant.secretKey()), "{}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void stopsModelCallsWhenTheTenantsDailyBudgetIsSpent() {
    Tenants.Created tenant = newTenant();
    String second = keys.issue(tenant.tenantId(), KeyKind.SECRET, Set.of(Role.ANALYST)).key();

    for (int i = 0; i < 3; i++) {
      assertThat(client.post("/v1/knowledge/ask", bearer(tenant.secretKey()), "{}").statusCode())
          .isEqualTo(200);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(client.post("/v1/knowledge/ask", bearer(second), "{}").statusCode())
          .isEqualTo(200);
    }
    HttpResponse<String> exhausted = client.post("/v1/knowledge/ask", bearer(second), "{}");

    assertThat(exhausted.statusCode()).isEqualTo(429);
    assertThat(json(exhausted).get("code").asString()).isEqualTo("model-budget-exhausted");
    assertThat(exhausted.headers().firstValue("Retry-After")).isPresent();
  }
}
