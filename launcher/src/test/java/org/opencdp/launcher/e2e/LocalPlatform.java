package org.opencdp.launcher.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.opencdp.launcher.cli.Cdp;
import org.opencdp.launcher.process.JavaCommand;
import org.opencdp.launcher.process.Ports;
import org.opencdp.launcher.process.RunDirectory;
import org.opencdp.launcher.services.Service;
import org.opencdp.launcher.services.Services;
import org.opencdp.launcher.trino.TrinoNode;

/**
 * The whole platform as {@code ./cdp up --no-build} starts it, in a child JVM on its own data
 * directory and shifted ports, so it never meets a developer's platform on 8080-8086/9092.
 */
final class LocalPlatform implements AutoCloseable {

  static final List<String> REQUIRED =
      List.of("gateway", "ingest-service", "quality-service", "query-service", "insight-service");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  // a local Trino answers its first query after 10-90 s on two cores, depending on their load
  private static final Duration READY_TIMEOUT_WITH_TRINO = Duration.ofSeconds(360);

  private final Path home;
  private final Path root;
  private final Path data;
  private final int offset;
  private final int kafkaPort;
  private final List<String> upOptions;
  private final Process up;
  private final Thread reaper;
  private final long startedAt = System.nanoTime();

  private LocalPlatform(Path home, Path root, int offset, int kafkaPort, List<String> upOptions)
      throws IOException {
    this.home = home;
    this.upOptions = List.copyOf(upOptions);
    this.root = root;
    this.data = root.resolve("data");
    this.offset = offset;
    this.kafkaPort = kafkaPort;
    this.up =
        new ProcessBuilder(cdp("up"))
            .redirectErrorStream(true)
            .redirectOutput(upLog().toFile())
            .start();
    // A test JVM stopped early (Ctrl-C, surefire timeout) must not leave the platform running.
    this.reaper = new Thread(this::destroyAll, "e2e-platform-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts the platform from the checkout around the launcher module; fails naming what's missing.
   */
  static LocalPlatform start() throws Exception {
    return start(List.of());
  }

  /** {@link #start()} with more options for {@code up} (such as {@code --engine trino}). */
  static LocalPlatform start(List<String> upOptions) throws Exception {
    Path home = checkout();
    List<String> missing = new ArrayList<>();
    for (Service service : Services.ALL) {
      if (REQUIRED.contains(service.module()) && service.jar(home).isEmpty()) {
        missing.add(service.module());
      }
    }
    if (!missing.isEmpty()) {
      throw new AssertionError(
          "service jar missing for "
              + missing
              + " (expected <module>/target/<module>-<version>.jar with a Main-Class); build it with"
              + " ./mvnw -B -pl "
              + String.join(",", missing)
              + " -am package -DskipTests (./mvnw verify from the root builds them before launcher)");
    }
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    Path root = Files.createTempDirectory(tmp, "e2e-");
    int[] ports = freePorts();
    LocalPlatform platform = new LocalPlatform(home, root, ports[0], ports[1], upOptions);
    platform.awaitReady();
    return platform;
  }

  Path data() {
    return data;
  }

  RunDirectory run() {
    return new RunDirectory(data);
  }

  int portOffset() {
    return offset;
  }

  String gatewayUrl() {
    return "http://localhost:" + (Services.GATEWAY.port() + offset);
  }

  Path upLog() {
    return root.resolve("up.log");
  }

  String log() {
    try {
      return Files.readString(upLog(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The credentials file the gateway wrote on first start, as KEY -> value. */
  Map<String, String> credentials() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(data.resolve("local-credentials.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        String value = line.substring(eq + 1).strip();
        if (value.length() > 1 && (value.startsWith("'") || value.startsWith("\""))) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(line.substring(0, eq).strip().replaceFirst("^export ", ""), value);
      }
    }
    return values;
  }

  double seconds() {
    return (System.nanoTime() - startedAt) / 1e9;
  }

  private void awaitReady() throws Exception {
    Path ready = data.resolve("run").resolve("ready");
    Duration timeout = upOptions.contains("trino") ? READY_TIMEOUT_WITH_TRINO : READY_TIMEOUT;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(ready) && up.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    if (!Files.exists(ready)) {
      String log = log();
      close();
      throw new AssertionError("platform not ready within " + timeout + ":\n" + log);
    }
    String log = log();
    for (String module : REQUIRED) {
      if (log.contains(module + " is not ready yet")) {
        close();
        throw new AssertionError(module + " did not become ready; see " + data + "/logs\n" + log);
      }
    }
    System.out.printf("e2e: platform ready in %.1f s (port offset %d)%n", seconds(), offset);
  }

  private List<String> cdp(String command) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            command,
            "--no-build",
            "--data-dir",
            data.toString(),
            "--port-offset",
            String.valueOf(offset),
            "--kafka-port",
            String.valueOf(kafkaPort)));
    if (command.equals("up")) {
      args.addAll(upOptions);
    }
    return JavaCommand.main(
        List.of("-Xmx256m", "-Dcdp.home=" + home, "-Djava.io.tmpdir=" + root),
        JavaCommand.ownClasspath(),
        Cdp.class.getName(),
        args);
  }

  /** {@code ./cdp down}; the processes it left alive, named (they are killed then). */
  List<String> stop() {
    List<ProcessHandle> ours = new ArrayList<>(up.descendants().toList());
    ours.add(up.toHandle());
    try {
      down();
      return ours.stream().filter(ProcessHandle::isAlive).map(LocalPlatform::describe).toList();
    } finally {
      destroyAll();
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs anyway
      }
    }
  }

  /** What {@code down} printed and how {@code up}'s log ends: why a process outlived them. */
  String stopReport() {
    try {
      Path downLog = root.resolve("down.log");
      String down = Files.exists(downLog) ? Files.readString(downLog) : "(no down.log)\n";
      List<String> up = log().lines().toList();
      return "down.log:\n"
          + down
          + "up.log (end):\n"
          + String.join("\n", up.subList(Math.max(0, up.size() - 15), up.size()));
    } catch (IOException e) {
      return "(cannot read the logs: " + e.getMessage() + ")";
    }
  }

  // pid and what runs there (the jar or main class; a whole command line is a classpath long)
  private static String describe(ProcessHandle process) {
    List<String> args = List.of(process.info().arguments().orElse(new String[0]));
    int jar = args.indexOf("-jar");
    int classpath = args.indexOf("-cp");
    String what =
        jar >= 0 && jar + 1 < args.size()
            ? args.get(jar + 1)
            : classpath >= 0 && classpath + 2 < args.size()
                ? args.get(classpath + 2)
                : process.info().command().orElse("?");
    return process.pid() + " " + what;
  }

  /** {@code ./cdp down}, then whatever is still alive is killed. */
  @Override
  public void close() {
    stop();
  }

  private void down() {
    try {
      Process down =
          new ProcessBuilder(cdp("down"))
              .redirectErrorStream(true)
              .redirectOutput(root.resolve("down.log").toFile())
              .start();
      if (!down.waitFor(60, TimeUnit.SECONDS)) {
        down.destroyForcibly();
      }
      up.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void destroyAll() {
    List<ProcessHandle> all = new ArrayList<>(up.descendants().toList());
    for (String module : REQUIRED) {
      run().live(module).ifPresent(all::add);
    }
    run().live("trino").ifPresent(all::add);
    run().live("kafka").ifPresent(all::add);
    up.destroyForcibly();
    all.forEach(ProcessHandle::destroyForcibly);
  }

  // the launcher module's parent: surefire runs tests in the module directory
  private static Path checkout() {
    Path home = Path.of("").toAbsolutePath().getParent();
    if (home == null
        || !Files.exists(home.resolve("mvnw"))
        || !Files.isDirectory(home.resolve("launcher"))) {
      throw new AssertionError("cannot find the checkout above " + Path.of("").toAbsolutePath());
    }
    return home;
  }

  // an offset with every service port free, and a broker port pair free (never the defaults)
  private static int[] freePorts() {
    for (int attempt = 0; attempt < 50; attempt++) {
      // below Linux's ephemeral range (32768+): a free port there can be taken by any outgoing
      // connection between this check and the service binding it
      int offset = ThreadLocalRandom.current().nextInt(2_000, 24_000);
      int kafka = Services.GATEWAY.port() + offset + 20;
      boolean free =
          Ports.isFree(kafka)
              && Ports.isFree(kafka + 1)
              && Ports.isFree(TrinoNode.DEFAULT_PORT + offset);
      for (Service service : Services.shifted(offset)) {
        free = free && Ports.isFree(service.port());
      }
      if (free) {
        return new int[] {offset, kafka};
      }
    }
    throw new AssertionError("no free port range found for the platform");
  }
}
