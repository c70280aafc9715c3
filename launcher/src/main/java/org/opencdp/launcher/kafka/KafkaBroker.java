package org.opencdp.launcher.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.opencdp.launcher.process.JavaCommand;
import org.opencdp.launcher.process.ProcessSpec;
import org.opencdp.launcher.process.Readiness;

/**
 * A single-node KRaft broker run as its own JVM from the launcher's classpath ({@code
 * kafka.Kafka}), its storage formatted once under {@code <dir>/data}.
 *
 * @param dir the broker's folder ({@code <data>/kafka}): config, storage
 * @param port the client (PLAINTEXT) port
 * @param controllerPort the KRaft controller port
 * @param logDir where {@code kafka.log} goes (the process's stdout, through log4j2)
 * @param tmpDir the broker JVM's {@code java.io.tmpdir}
 */
public record KafkaBroker(Path dir, int port, int controllerPort, Path logDir, Path tmpDir) {

  public static final String NAME = "kafka";

  public KafkaBroker {
    dir = dir.toAbsolutePath();
    logDir = logDir.toAbsolutePath();
    tmpDir = tmpDir.toAbsolutePath();
  }

  public String bootstrap() {
    return "localhost:" + port;
  }

  /**
   * Writes {@code server.properties} and the log4j2 config (every start, so a changed port takes
   * effect) and formats the storage when it has never been formatted.
   */
  public void prepare(Duration formatTimeout) {
    try {
      Files.createDirectories(dir.resolve("data"));
      Files.createDirectories(tmpDir);
      Files.writeString(serverProperties(), serverConfig(), StandardCharsets.UTF_8);
      Files.writeString(log4jConfig(), Log4jConfig.XML, StandardCharsets.UTF_8);
      if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
        format(formatTimeout);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the Kafka broker in " + dir, e);
    }
  }

  /** The broker process, ready when its client port accepts connections. */
  public ProcessSpec spec() {
    return new ProcessSpec(
        NAME,
        JavaCommand.main(
            jvmOptions(),
            JavaCommand.ownClasspath(),
            "kafka.Kafka",
            List.of(serverProperties().toString())),
        Map.of(),
        dir,
        port,
        Readiness.tcp(port));
  }

  Path serverProperties() {
    return dir.resolve("server.properties");
  }

  Path log4jConfig() {
    return dir.resolve("log4j2.xml");
  }

  String serverConfig() {
    return String.join(
        "\n",
        "# written by ./cdp on every start; edit the launcher, not this file",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
        "advertised.listeners=PLAINTEXT://localhost:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=6",
        "auto.create.topics.enable=true",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "log.retention.hours=-1",
        "");
  }

  private List<String> jvmOptions() {
    return List.of(
        "-Xms128m",
        "-Xmx512m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Djava.io.tmpdir=" + tmpDir,
        "-Dkafka.logs.dir=" + logDir,
        // an absolute path: log4j2 reads a relative one against the classpath
        "-Dlog4j2.configurationFile=" + log4jConfig());
  }

  private void format(Duration timeout) throws IOException {
    String clusterId = Uuid.randomUuid().toString();
    List<String> command =
        JavaCommand.main(
            List.of(
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + tmpDir,
                "-Dlog4j2.configurationFile=" + log4jConfig()),
            JavaCommand.ownClasspath(),
            "kafka.tools.StorageTool",
            List.of(
                "format", "--standalone", "-t", clusterId, "-c", serverProperties().toString()));
    Path output = dir.resolve("format.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("Formatting Kafka storage took over " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "Formatting Kafka storage failed (exit "
              + process.exitValue()
              + "): "
              + Files.readString(output, StandardCharsets.UTF_8).strip());
    }
  }
}
