package org.opencdp.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The etc/ folder of a loopback-only single-node Trino with a Hive catalog {@code lake} on a file
 * metastore over a local folder (the configuration measured in shared/design/trino-local.md).
 */
final class TrinoConfig {

  private TrinoConfig() {}

  static Path write(Path home, Path work, int port, Path lakeRoot, String accessRules)
      throws IOException {
    Path etc = Files.createDirectories(work.resolve("etc"));
    // only the Hive plugin: loading all sixty takes most of the start time on two cores
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    if (!Files.exists(plugins.resolve("hive"))) {
      Files.createSymbolicLink(
          plugins.resolve("hive"), home.resolve("plugin/hive").toAbsolutePath());
    }
    Files.createDirectories(etc.resolve("catalog"));
    Path data = Files.createDirectories(work.resolve("var"));
    Files.writeString(
        etc.resolve("node.properties"),
        """
        node.environment=itest
        node.id=node-1
        node.data-dir=%s
        node.bind-ip=127.0.0.1
        node.internal-address=127.0.0.1
        """
            .formatted(data));
    Files.writeString(
        etc.resolve("config.properties"),
        """
        coordinator=true
        node-scheduler.include-coordinator=true
        http-server.http.port=%d
        discovery.uri=http://127.0.0.1:%d
        query.max-memory=512MB
        query.max-memory-per-node=512MB
        plugin.dir=%s
        """
            .formatted(port, port, plugins));
    Files.writeString(
        etc.resolve("jvm.config"),
        String.join(
            "\n",
            "-server",
            "-Xmx1500m",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djdk.attach.allowAttachSelf=true",
            "-XX:+EnableDynamicAgentLoading",
            "--enable-native-access=ALL-UNNAMED",
            "-Dfile.encoding=UTF-8",
            "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
            ""));
    Files.writeString(
        etc.resolve("catalog/lake.properties"),
        """
        connector.name=hive
        hive.metastore=file
        hive.metastore.catalog.dir=local:///_metastore
        fs.native-local.enabled=true
        local.location=%s
        hive.storage-format=PARQUET
        hive.timestamp-precision=MICROSECONDS
        hive.non-managed-table-writes-enabled=false
        """
            .formatted(lakeRoot));
    if (accessRules != null) {
      Path rules = etc.resolve("rules.json");
      Files.writeString(rules, accessRules);
      Files.writeString(
          etc.resolve("access-control.properties"),
          // reread every second: a writer may add a tenant to the rules while Trino runs
          "access-control.name=file\nsecurity.config-file="
              + rules
              + "\nsecurity.refresh-period=1s\n");
    }
    return etc;
  }
}
