package org.opencdp.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.gateway.GatewayClient.bearer;
import static org.opencdp.gateway.GatewayClient.json;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.GatewayApplication;
import org.opencdp.gateway.GatewayClient;
import org.opencdp.gateway.RecordingServer;
import org.opencdp.testkit.Infrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two gateway replicas on one database and the local Redis spend one rate-limit budget. */
class SharedRedisLimitTest {

  private static final String ADMIN = "cdp_pk_shared_redis_admin_key_0123456789";
  private static final RecordingServer DOWNSTREAM = new RecordingServer();
  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;

  @BeforeAll
  static void start() {
    String redisUrl = Infrastructure.redis().uri();
    Path data = Path.of("target", "tmp", "gateway-shared-" + UUID.randomUUID()).toAbsolutePath();
    String prefix = "test:" + UUID.randomUUID() + ":";
    first = replica(data, redisUrl, prefix);
    second = replica(data, redisUrl, prefix);
  }

  private static ConfigurableApplicationContext replica(Path data, String redisUrl, String prefix) {
    return new SpringApplicationBuilder(GatewayApplication.class)
        .run(
            "--server.port=0",
            "--cdp.data-dir=" + data,
            "--cdp.gateway.platform-admin-key=" + ADMIN,
            "--cdp.gateway.routes.insight=" + DOWNSTREAM.uri(),
            "--cdp.gateway.rate-limits.store=redis",
            "--cdp.gateway.rate-limits.key-prefix=" + prefix,
            "--cdp.gateway.rate-limits.ai.capacity=4",
            "--cdp.gateway.rate-limits.ai.refill-per-second=0.001",
            "--spring.data.redis.url=" + redisUrl);
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
    DOWNSTREAM.close();
  }

  private static GatewayClient client(ConfigurableApplicationContext context) {
    return new GatewayClient(
        Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @Test
  void replicasShareOneBucketPerKey() {
    GatewayClient a = client(first);
    GatewayClient b = client(second);
    HttpResponse<String> created =
        a.post("/v1/admin/tenants", bearer(ADMIN), "{\"tenantId\":\"shared\",\"name\":\"S\"}");
    String secret = json(created).get("secretKey").asString();

    int ok = 0;
    int limited = 0;
    for (int i = 0; i < 8; i++) {
      int status =
          (i % 2 == 0 ? a : b).post("/v1/knowledge/search", bearer(secret), "{}").statusCode();
      if (status == 200) {
        ok++;
      } else if (status == 429) {
        limited++;
      }
    }

    assertThat(ok).isEqualTo(4);
    assertThat(limited).isEqualTo(4);
    assertThat(DOWNSTREAM.count()).isEqualTo(4);
  }
}
