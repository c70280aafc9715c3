package org.opencdp.launcher.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.launcher.process.ProcessSpec;

class TrinoNodeTest {

  @TempDir Path root;

  @Test
  void writesASingleNodeLoopbackConfigWithTheHiveCatalogOverTheLake() throws Exception {
    TrinoNode node = node(18090);
    node.prepare();

    Properties config = properties(node.etc().resolve("config.properties"));
    assertThat(config.getProperty("http-server.http.port")).isEqualTo("18090");
    assertThat(config.getProperty("discovery.uri")).isEqualTo("http://127.0.0.1:18090");
    assertThat(config.getProperty("coordinator")).isEqualTo("true");
    assertThat(properties(node.etc().resolve("node.properties")).getProperty("node.bind-ip"))
        .isEqualTo("127.0.0.1");
    Properties catalog = properties(node.etc().resolve("catalog/lake.properties"));
    assertThat(catalog.getProperty("connector.name")).isEqualTo("hive");
    assertThat(catalog.getProperty("local.location")).isEqualTo(root.resolve("lake").toString());
    assertThat(catalog.getProperty("hive.timestamp-precision")).isEqualTo("MICROSECONDS");
    assertThat(properties(node.etc().resolve("access-control.properties")))
        .containsEntry("security.config-file", node.rulesFile().toString())
        .containsEntry("security.refresh-period", "1s");
    assertThat(Files.readAllLines(node.etc().resolve("jvm.config")))
        .contains("-Xmx2G", "-Djava.io.tmpdir=" + root.resolve("trino/tmp"))
        .allSatisfy(line -> assertThat(line).startsWith("-"));
    assertThat(Files.readSymbolicLink(root.resolve("trino/plugins/hive")))
        .isEqualTo(root.resolve("server/plugin/hive"));
  }

  @Test
  void keepsTheRulesQueryServiceRewroteAcrossRestartsButRewritesThePort() throws Exception {
    node(18090).prepare();
    TrinoNode node = node(18091);
    assertThat(Files.readString(node.rulesFile())).contains("\"user\": \"cdp\"");
    Files.writeString(node.rulesFile(), "{\"catalogs\": [{\"user\": \"t_acme\"}]}");

    node.prepare();

    assertThat(Files.readString(node.rulesFile())).contains("t_acme");
    assertThat(properties(node.etc().resolve("config.properties")))
        .containsEntry("http-server.http.port", "18091");
  }

  @Test
  void pointsQueryServiceAtItAndRunsTheServerWithItsOwnJdk() {
    TrinoNode node = node(18090);
    assertThat(node.queryServiceEnvironment())
        .containsEntry("CDP_QUERY_ENGINE", "trino")
        .containsEntry("CDP_TRINO_ENABLED", "true")
        .containsEntry("CDP_TRINO_URL", "jdbc:trino://127.0.0.1:18090")
        .containsEntry("CDP_QUERY_TRINO_RULESFILE", node.rulesFile().toString());

    ProcessSpec spec = node.spec(HttpClient.newHttpClient());
    assertThat(spec.name()).isEqualTo("trino");
    assertThat(spec.port()).isEqualTo(18090);
    assertThat(spec.command())
        .containsExactly(
            root.resolve("server/bin/launcher").toString(),
            "-etc-dir",
            root.resolve("trino/etc").toString(),
            "-data-dir",
            root.resolve("trino/var").toString(),
            "run");
    assertThat(spec.environment()).containsEntry("JAVA_HOME", root.resolve("jdk").toString());
    assertThat(spec.environment().get("PATH")).startsWith(root.resolve("jdk/bin") + ":");
  }

  @Test
  void isNotReadyWhileNothingListens() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThat(new SelectOne(HttpClient.newHttpClient(), port, "cdp").check())
        .isEqualTo(org.opencdp.launcher.process.Readiness.State.NOT_LISTENING);
  }

  private TrinoNode node(int port) {
    return new TrinoNode(
        root.resolve("trino"),
        port,
        root.resolve("lake"),
        root.resolve("server"),
        new TrinoJava(root.resolve("jdk"), 25));
  }

  private static Properties properties(Path file) throws Exception {
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    return properties;
  }
}
