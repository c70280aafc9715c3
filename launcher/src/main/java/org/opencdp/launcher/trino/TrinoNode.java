package org.opencdp.launcher.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.launcher.process.ProcessSpec;

/**
 * The single-node, loopback-only Trino of the local runtime, run as its own process: a Hive catalog
 * {@code lake} on a file metastore over the data directory's lake (the configuration measured in
 * shared/design/trino-local.md), with file-based access rules that query-service rewrites as it
 * meets tenants (Trino rereads them every second).
 *
 * @param dir Trino's folder ({@code <data>/trino}): etc, var, plugins, tmp
 * @param port the HTTP port (coordinator and the only worker)
 * @param lakeRoot the lake it reads ({@code <data>/lake})
 * @param server the unpacked trino-server
 * @param jdk the JDK (>= 24) that runs it
 */
public record TrinoNode(Path dir, int port, Path lakeRoot, Path server, TrinoJava jdk) {

  public static final String NAME = "trino";

  /** The default port: query-service's default {@code cdp.query.trino.url} names it. */
  public static final int DEFAULT_PORT = 8090;

  /** The catalog over the lake, query-service's default {@code cdp.query.trino.catalog}. */
  public static final String CATALOG = "lake";

  /** The user that owns everything, query-service's default {@code cdp.query.trino.admin-user}. */
  public static final String ADMIN_USER = "cdp";

  public TrinoNode {
    dir = dir.toAbsolutePath();
    lakeRoot = lakeRoot.toAbsolutePath();
    server = server.toAbsolutePath();
  }

  public Path etc() {
    return dir.resolve("etc");
  }

  /** The access rules file query-service manages ({@code cdp.query.trino.rules-file}). */
  public Path rulesFile() {
    return etc().resolve("rules.json");
  }

  /** {@code jdbc:trino://127.0.0.1:<port>}, for {@code cdp.query.trino.url}. */
  public String jdbcUrl() {
    return "jdbc:trino://127.0.0.1:" + port;
  }

  /**
   * The properties (as environment variables) that make query-service use this Trino and make it
   * the engine of a request that names none.
   */
  public Map<String, String> queryServiceEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CDP_QUERY_ENGINE", "trino");
    env.put("CDP_TRINO_ENABLED", "true");
    env.put("CDP_TRINO_URL", jdbcUrl());
    env.put("CDP_QUERY_TRINO_CATALOG", CATALOG);
    env.put("CDP_QUERY_TRINO_ADMINUSER", ADMIN_USER);
    env.put("CDP_QUERY_TRINO_RULESFILE", rulesFile().toString());
    return env;
  }

  /**
   * Writes etc/ (every start, so a changed port or lake takes effect) and, when there is none yet,
   * the access rules admitting only the admin user: query-service adds each tenant it serves.
   */
  public void prepare() {
    try {
      Files.createDirectories(etc().resolve("catalog"));
      Files.createDirectories(lakeRoot);
      Path var = Files.createDirectories(dir.resolve("var"));
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      // only the Hive plugin: loading all sixty takes most of the start time on two cores
      Path plugins = Files.createDirectories(dir.resolve("plugins"));
      Path hive = plugins.resolve("hive");
      if (Files.isSymbolicLink(hive) && !Files.readSymbolicLink(hive).equals(hivePlugin())) {
        Files.delete(hive);
      }
      if (!Files.exists(hive, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(hive, hivePlugin());
      }
      write("node.properties", nodeProperties(var));
      write("config.properties", configProperties(plugins));
      write("jvm.config", jvmConfig(tmp));
      write("catalog/" + CATALOG + ".properties", catalogProperties());
      write("access-control.properties", accessControlProperties());
      if (!Files.exists(rulesFile())) {
        write("rules.json", initialRules());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare Trino in " + dir, e);
    }
  }

  /**
   * The server process ({@code bin/launcher run} execs the JVM), healthy once it answers a query.
   */
  public ProcessSpec spec(HttpClient http) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_HOME", jdk.home().toString());
    env.put("PATH", jdk.home().resolve("bin") + ":" + System.getenv().getOrDefault("PATH", ""));
    return new ProcessSpec(
        NAME,
        List.of(
            server.resolve("bin").resolve("launcher").toString(),
            "-etc-dir",
            etc().toString(),
            "-data-dir",
            dir.resolve("var").toString(),
            "run"),
        env,
        dir,
        port,
        new SelectOne(http, port, ADMIN_USER));
  }

  private Path hivePlugin() {
    return server.resolve("plugin").resolve("hive");
  }

  String nodeProperties(Path var) {
    return lines(
        "node.environment=cdp_local",
        "node.id=cdp-local",
        "node.data-dir=" + var,
        "node.bind-ip=127.0.0.1",
        "node.internal-address=127.0.0.1");
  }

  String configProperties(Path plugins) {
    return lines(
        "coordinator=true",
        "node-scheduler.include-coordinator=true",
        "http-server.http.port=" + port,
        "discovery.uri=http://127.0.0.1:" + port,
        "query.max-memory=1GB",
        "query.max-memory-per-node=1GB",
        "plugin.dir=" + plugins);
  }

  // sized for a laptop: 2 GB of heap at most (0.4-0.6 GB resident when idle)
  String jvmConfig(Path tmp) {
    // no comment line: one JVM option a line, nothing else
    return String.join(
            "\n",
            "-server",
            "-Xmx2G",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djdk.attach.allowAttachSelf=true",
            "-XX:+EnableDynamicAgentLoading",
            "--enable-native-access=ALL-UNNAMED",
            "-Dfile.encoding=UTF-8",
            "-Djava.io.tmpdir=" + tmp)
        + "\n";
  }

  String catalogProperties() {
    return lines(
        "connector.name=hive",
        "hive.metastore=file",
        // under the lake root; readers of the lake skip names starting with _
        "hive.metastore.catalog.dir=local:///_metastore",
        "fs.native-local.enabled=true",
        "local.location=" + lakeRoot,
        "hive.storage-format=PARQUET",
        "hive.timestamp-precision=MICROSECONDS",
        "hive.non-managed-table-writes-enabled=false");
  }

  String accessControlProperties() {
    return lines(
        "access-control.name=file",
        "security.config-file=" + rulesFile(),
        // reread every second: query-service adds a tenant to the rules while Trino runs
        "security.refresh-period=1s");
  }

  static String initialRules() {
    return """
        {
          "catalogs": [
            {"user": "%1$s", "catalog": ".*", "allow": "all"},
            {"catalog": ".*", "allow": "none"}
          ],
          "schemas": [{"user": "%1$s", "owner": true}],
          "tables": [
            {"user": "%1$s", "privileges": ["SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP"]}
          ],
          "system_information": [{"user": "%1$s", "allow": ["read", "write"]}]
        }
        """
        .formatted(ADMIN_USER);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(etc().resolve(name), content, StandardCharsets.UTF_8);
  }

  private static String lines(String... lines) {
    return "# written by ./cdp on every start; edit the launcher, not this file\n"
        + String.join("\n", lines)
        + "\n";
  }
}
