package org.opencdp.gateway.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.gateway.GatewayClient.basic;
import static org.opencdp.gateway.GatewayClient.bearer;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.GatewayApplication;
import org.opencdp.gateway.GatewayClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** First local start with no admin key configured: credentials for the admin and demo tenant. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalCredentialsTest {

  private static final Path DATA =
      Path.of("target", "tmp", "gateway-local-" + UUID.randomUUID()).toAbsolutePath();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) {
    registry.add("cdp.data-dir", DATA::toString);
    registry.add("cdp.gateway.platform-admin-key", () -> "");
  }

  @Test
  void writesOwnerOnlyCredentialsFileWithWorkingAdminAndDemoKeys() throws Exception {
    Path file = DATA.resolve("local-credentials.env");

    Map<String, String> values = LocalCredentials.read(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(values)
        .containsKeys("CDP_GATEWAY_URL", "CDP_ADMIN_KEY", "CDP_WRITE_KEY", "CDP_SECRET_KEY")
        .containsEntry("CDP_TENANT", "demo");
    GatewayClient client = new GatewayClient(port);
    assertThat(
            client
                .get("/v1/admin/tenants/demo/keys", bearer(values.get("CDP_ADMIN_KEY")))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            client
                .get("/v1/admin/tenants/demo/keys", bearer(values.get("CDP_SECRET_KEY")))
                .statusCode())
        .isEqualTo(200);
    assertThat(Files.exists(DATA.resolve("keys/internal-token.jwk"))).isTrue();
    assertThat(
            client.post("/v1/admin/tenants", basic(values.get("CDP_WRITE_KEY")), "{}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void secondGatewayOnTheSameDataDirKeepsTheCredentialsAndSharesTheKeys() throws Exception {
    Path file = DATA.resolve("local-credentials.env");
    String before = Files.readString(file);
    Map<String, String> values = LocalCredentials.read(file);

    try (ConfigurableApplicationContext second =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run(
                "--server.port=0", "--cdp.data-dir=" + DATA, "--cdp.gateway.platform-admin-key=")) {
      int secondPort =
          Integer.parseInt(second.getEnvironment().getProperty("local.server.port", "0"));
      GatewayClient other = new GatewayClient(secondPort);

      assertThat(Files.readString(file)).isEqualTo(before);
      HttpResponse<String> created =
          other.post(
              "/v1/admin/tenants",
              bearer(values.get("CDP_ADMIN_KEY")),
              "{\"tenantId\":\"second-start\",\"name\":\"S\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      String writeKey = GatewayClient.json(created).get("writeKey").asString();
      // Created through one replica, known to the other: they share the database.
      assertThat(
              new GatewayClient(port)
                  .get("/v1/admin/tenants/second-start/keys", bearer(values.get("CDP_ADMIN_KEY")))
                  .body())
          .contains(writeKey.substring(0, 11));
    }
  }
}
