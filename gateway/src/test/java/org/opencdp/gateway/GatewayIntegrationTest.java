package org.opencdp.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.opencdp.gateway.tenants.Tenants;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real gateway on a random port, its own data directory and H2 file, in front of a real HTTP
 * server standing in for every downstream except quality, which points at a closed port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

  public static final String ADMIN_KEY = "cdp_pk_test_platform_admin_key_0123456789";
  protected static final String CONSOLE_ORIGIN = "http://console.test";
  protected static final RecordingServer DOWNSTREAM = new RecordingServer();
  protected static final URI DEAD = URI.create("http://127.0.0.1:" + closedPort());

  @LocalServerPort protected int port;
  @Autowired protected Tenants tenants;
  protected GatewayClient client;

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) {
    Path dataDir = Path.of("target", "tmp", "gateway-" + UUID.randomUUID()).toAbsolutePath();
    registry.add("cdp.data-dir", dataDir::toString);
    registry.add("cdp.gateway.platform-admin-key", () -> ADMIN_KEY);
    registry.add("cdp.gateway.key-cache-ttl", () -> "1s");
    registry.add("cdp.gateway.read-timeout", () -> "1500ms");
    for (String route : new String[] {"ingest", "query", "insight", "recommend"}) {
      registry.add("cdp.gateway.routes." + route, () -> DOWNSTREAM.uri().toString());
    }
    // One route through the load balancer, as on Kubernetes, with a fixed discovery list.
    registry.add("cdp.gateway.routes.report", () -> "lb://report-service");
    registry.add(
        "spring.cloud.discovery.client.simple.instances.report-service[0].uri",
        () -> DOWNSTREAM.uri().toString());
    registry.add("cdp.gateway.routes.quality", DEAD::toString);
    registry.add("cdp.gateway.rate-limits.ai.capacity", () -> "3");
    registry.add("cdp.gateway.rate-limits.ai.refill-per-second", () -> "0.01");
    registry.add("cdp.gateway.rate-limits.ai-daily-budget", () -> "5");
    registry.add("cdp.gateway.cors.allowed-origins", () -> CONSOLE_ORIGIN);
  }

  @BeforeEach
  void connect() {
    client = new GatewayClient(port);
    DOWNSTREAM.clear();
  }

  /** A new tenant with a unique id: its write and secret keys. */
  protected Tenants.Created newTenant() {
    return tenants.create("t-" + UUID.randomUUID().toString().substring(0, 8), "Test");
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
