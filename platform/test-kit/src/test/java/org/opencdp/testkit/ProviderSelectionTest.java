package org.opencdp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

class ProviderSelectionTest {

  private final Map<String, String> previous = new HashMap<>();

  @AfterEach
  void restoreProperties() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
  }

  @Test
  void localModeAbortsNamingTheRedisAddressItTried() throws IOException {
    int port = freePort();
    set("cdp.test.infra", "local");
    set("cdp.test.redis.port", String.valueOf(port));

    assertThatThrownBy(Infrastructure::redis)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("No Redis for this test (cdp.test.infra=local)")
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageNotContaining("Testcontainers");
  }

  @Test
  void localModeAbortsNamingThePostgresAddressItTried() throws IOException {
    int port = freePort();
    set("cdp.test.infra", "local");
    set("cdp.test.postgres.host", "localhost");
    set("cdp.test.postgres.port", String.valueOf(port));

    assertThatThrownBy(Infrastructure::postgres)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("No PostgreSQL")
        .hasMessageContaining("localhost:" + port);
  }

  @Test
  void autoModeWithoutDockerAbortsNamingEverythingItTried() throws IOException {
    assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker would supply Redis");
    int port = freePort();
    set("cdp.test.infra", "auto");
    set("cdp.test.redis.port", String.valueOf(port));

    assertThatThrownBy(Infrastructure::redis)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("local server (nothing answered at 127.0.0.1:" + port)
        .hasMessageContaining("Testcontainers (no Docker engine answered)");
  }

  @Test
  void autoPrefersTheInProcessBrokerAndLocalServersOverContainers() {
    Plan plan = Plan.from(Settings.of(Map.of()));

    assertThat(plan.mode()).isEqualTo(Mode.AUTO);
    assertThat(names(plan.kafka())).containsExactly("in-process KRaft broker");
    assertThat(names(plan.postgres())).containsExactly("local server", "Testcontainers");
    assertThat(names(plan.redis())).containsExactly("local server", "Testcontainers");
  }

  @Test
  void containersModeTakesEverythingFromContainers() {
    Plan plan = Plan.from(Settings.of(Map.of("cdp.test.infra", " Containers ")));

    assertThat(names(plan.kafka())).containsExactly("Testcontainers");
    assertThat(names(plan.postgres())).containsExactly("Testcontainers");
    assertThat(names(plan.redis())).containsExactly("Testcontainers");
  }

  @Test
  void localModeNeverReachesForContainers() {
    Plan plan = Plan.from(Settings.of(Map.of("cdp.test.infra", "local")));

    assertThat(names(plan.kafka())).containsExactly("in-process KRaft broker");
    assertThat(names(plan.postgres())).containsExactly("local server");
    assertThat(names(plan.redis())).containsExactly("local server");
  }

  @Test
  void rejectsAnUnknownMode() {
    assertThatThrownBy(() -> Plan.from(Settings.of(Map.of("cdp.test.infra", "docker"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cdp.test.infra=docker is not one of auto, containers, local");
  }

  @Test
  void defaultsPointAtTheUsualLocalPorts() {
    Settings settings = Settings.of(Map.of());

    assertThat(settings.postgresHost()).isEqualTo("127.0.0.1");
    assertThat(settings.postgresPort()).isEqualTo(5432);
    assertThat(settings.postgresUser()).isEmpty();
    assertThat(settings.postgresPassword()).isEmpty();
    assertThat(settings.redisHost()).isEqualTo("127.0.0.1");
    assertThat(settings.redisPort()).isEqualTo(6379);
    assertThat(settings.image("kafka", "apache/kafka:4.1.2")).isEqualTo("apache/kafka:4.1.2");
  }

  @Test
  void everySettingHasAnEnvironmentVariable() {
    assertThat(Settings.environmentName("cdp.test.infra")).isEqualTo("CDP_TEST_INFRA");
    assertThat(Settings.environmentName("cdp.test.redis.port")).isEqualTo("CDP_TEST_REDIS_PORT");
    assertThat(Settings.environmentName("cdp.test.kafka.image")).isEqualTo("CDP_TEST_KAFKA_IMAGE");
  }

  private void set(String key, String value) {
    previous.putIfAbsent(key, System.getProperty(key));
    System.setProperty(key, value);
  }

  private static List<String> names(List<InfrastructureProvider> providers) {
    return providers.stream().map(InfrastructureProvider::name).toList();
  }

  /** A port nothing listens on: bound once by the OS, then released. */
  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
