package org.opencdp.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencdp.launcher.process.JavaCommand;
import org.opencdp.launcher.process.RunDirectory;

/** {@code up} in a child JVM (a checkout without service jars: the broker only), status, down. */
class LocalRuntimeTest {

  @Test
  void upStartsTheBrokerRestartsItAfterACrashAndDownFromAnotherShellStopsEverything()
      throws Exception {
    Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "runtime");
    Path home = Files.createDirectories(root.resolve("checkout"));
    Path data = root.resolve("data");
    int port = freePortPair();
    List<String> args =
        List.of(
            "up",
            "--no-build",
            "--data-dir",
            data.toString(),
            "--kafka-port",
            String.valueOf(port));
    Process up =
        new ProcessBuilder(
                JavaCommand.main(
                    List.of("-Xmx256m", "-Dcdp.home=" + home, "-Djava.io.tmpdir=" + root),
                    JavaCommand.ownClasspath(),
                    Cdp.class.getName(),
                    args))
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("up.log").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.exists(Up.readyFile(data)) && up.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      String log = Files.readString(root.resolve("up.log"));
      assertThat(Up.readyFile(data)).as(log).exists();
      assertThat(log)
          .contains("kafka", "ready in", "gateway           absent", "local-credentials.env");
      RunDirectory run = new RunDirectory(data);
      Optional<ProcessHandle> kafka = run.live("kafka");
      assertThat(kafka).isPresent();
      assertThat(run.readPid("cdp")).contains(up.pid());

      kafka.get().destroyForcibly();
      long restartDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.readString(root.resolve("up.log")).contains("kafka is ready again")
          && System.nanoTime() < restartDeadline) {
        Thread.sleep(200);
      }
      assertThat(Files.readString(root.resolve("up.log")))
          .contains("kafka exited with status 137; restarting in 1000 ms")
          .contains("kafka is ready again");
      kafka = run.live("kafka");
      assertThat(kafka).isPresent();

      CdpOptions options = CdpOptions.parse(args, Map.of(), home);
      assertThat(output(c -> new Status(withCommand(options, "status"), c).run()))
          .containsPattern("kafka +" + kafka.get().pid() + " +" + port + " +ready")
          .contains("cdp ", "supervising");
      assertThatThrownBy(
              () -> new Up(withCommand(options, "up"), console(new ByteArrayOutputStream())).run())
          .isInstanceOf(Preflight.Refused.class)
          .hasMessageContaining("already running");

      assertThat(output(c -> new Down(withCommand(options, "down"), c).run()))
          .contains("stopping cdp");

      assertThat(up.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(kafka.get().isAlive()).isFalse();
      assertThat(run.pidFile("kafka")).doesNotExist();
      assertThat(run.pidFile("cdp")).doesNotExist();
      assertThat(Files.readString(root.resolve("up.log")))
          .contains("stopping: services first, Kafka last");
    } finally {
      up.destroyForcibly();
      // The broker runs in its own session: a failed run must not leave it behind.
      up.descendants().forEach(ProcessHandle::destroyForcibly);
      new RunDirectory(data).live("kafka").ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void refusesATakenPortNamingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> Preflight.portsFree(Map.of("gateway", taken.getLocalPort())))
          .isInstanceOf(Preflight.Refused.class)
          .hasMessageContaining(taken.getLocalPort() + " (gateway)");
    }
  }

  @Test
  void refusesADataDirectoryThatCannotBeWritten() throws Exception {
    Path file =
        Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "not-a-dir", ".txt");
    assertThatThrownBy(() -> Preflight.writable(file.resolve("data")))
        .isInstanceOf(Preflight.Refused.class)
        .hasMessageContaining("not writable");
  }

  @Test
  void dataDirectoryComesFromTheOptionThenTheEnvironmentThenTheCheckout() {
    Path home = Path.of("/opt/opencdp");
    assertThat(CdpOptions.parse(List.of("status"), Map.of(), home).dataDir())
        .isEqualTo(Path.of("/opt/opencdp/data"));
    assertThat(
            CdpOptions.parse(List.of("status"), Map.of("CDP_DATA_DIR", "/srv/cdp"), home).dataDir())
        .isEqualTo(Path.of("/srv/cdp"));
    CdpOptions options =
        CdpOptions.parse(
            List.of("up", "--data-dir", "/tmp/d", "--demo", "--demo-size", "small"),
            Map.of("CDP_DATA_DIR", "/srv/cdp"),
            home);
    assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/d"));
    assertThat(options.demo()).isTrue();
    assertThat(options.demoSpec().customers()).isEqualTo(500);
    assertThatThrownBy(() -> CdpOptions.parse(List.of("up", "--bogus"), Map.of(), home))
        .hasMessageContaining("unknown option --bogus");
  }

  @Test
  void theEngineAndTheLakeModeComeFromTheirOptionsAndBadValuesAreRefusedNamingThem() {
    Path home = Path.of("/opt/opencdp");
    CdpOptions plain = CdpOptions.parse(List.of("up"), Map.of(), home);
    assertThat(plain.engine()).isEqualTo("duckdb");
    assertThat(plain.trino()).isFalse();
    assertThat(plain.lakeRows()).isZero();
    assertThat(plain.tenant()).isEqualTo("demo");
    CdpOptions trino =
        CdpOptions.parse(
            List.of("up", "--engine", "trino", "--port-offset", "100"), Map.of(), home);
    assertThat(trino.trino()).isTrue();
    assertThat(trino.trinoPort()).isEqualTo(8190);
    CdpOptions lake =
        CdpOptions.parse(
            List.of("demo", "--lake-rows", "10000000", "--tenant", "acme", "--days", "180"),
            Map.of(),
            home);
    assertThat(lake.lakeRows()).isEqualTo(10_000_000);
    assertThat(lake.tenant()).isEqualTo("acme");
    assertThat(lake.demoSpec().days()).isEqualTo(180);

    assertThatThrownBy(() -> CdpOptions.parse(List.of("up", "--engine", "spark"), Map.of(), home))
        .hasMessageContaining("--engine needs duckdb or trino, got spark");
    assertThatThrownBy(() -> CdpOptions.parse(List.of("demo", "--lake-rows", "-5"), Map.of(), home))
        .hasMessageContaining("--lake-rows");
    assertThatThrownBy(
            () -> CdpOptions.parse(List.of("demo", "--tenant", "Acme Corp"), Map.of(), home))
        .hasMessageContaining("--tenant must match");
    assertThat(CdpOptions.usage()).contains("--engine E", "--lake-rows N", "CDP_TRINO_JAVA_HOME");
    assertThat(CdpOptions.parse(List.of("--help"), Map.of(), home).command()).isEqualTo("help");
  }

  private static CdpOptions withCommand(CdpOptions o, String command) {
    return new CdpOptions(
        command,
        o.home(),
        o.dataDir(),
        o.demo(),
        o.demoSpec(),
        o.detach(),
        o.build(),
        o.out(),
        o.kafkaPort(),
        o.portOffset(),
        o.engine(),
        o.lakeRows(),
        o.tenant());
  }

  private interface Command {
    int run(Console console) throws Exception;
  }

  private static String output(Command command) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    command.run(console(bytes));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Console console(ByteArrayOutputStream bytes) {
    return new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), Instant.now());
  }

  // the broker takes the port and the next one (controller)
  private static int freePortPair() throws Exception {
    for (int i = 0; i < 20; i++) {
      // Below Linux's ephemeral range (32768+), so no outgoing connection takes it meanwhile.
      int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
      if (org.opencdp.launcher.process.Ports.isFree(port)
          && org.opencdp.launcher.process.Ports.isFree(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("no two free ports in a row");
  }
}
