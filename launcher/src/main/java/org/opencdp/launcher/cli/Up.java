package org.opencdp.launcher.cli;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.opencdp.launcher.kafka.KafkaBroker;
import org.opencdp.launcher.process.Backoff;
import org.opencdp.launcher.process.ProcessSpec;
import org.opencdp.launcher.process.RunDirectory;
import org.opencdp.launcher.process.Supervised;
import org.opencdp.launcher.process.Supervisor;
import org.opencdp.launcher.services.Service;
import org.opencdp.launcher.services.Services;
import org.opencdp.launcher.trino.TrinoInstall;
import org.opencdp.launcher.trino.TrinoJava;
import org.opencdp.launcher.trino.TrinoNode;

/**
 * {@code ./cdp up}: the broker (and with {@code --engine trino} a local Trino), then every built
 * service, supervised until Ctrl-C or down.
 */
final class Up {

  static final String SUPERVISOR = "cdp";
  static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  // Trino answers its first query 10-20 s after start on an idle two-core machine, past 90 s on a
  // busy one
  private static final Duration TRINO_READY_TIMEOUT = Duration.ofSeconds(300);

  private final CdpOptions options;
  private final Console console;
  private final RunDirectory run;

  Up(CdpOptions options, Console console) {
    this.options = options;
    this.console = console;
    this.run = new RunDirectory(options.dataDir());
  }

  static Path readyFile(Path dataDir) {
    return dataDir.resolve("run").resolve("ready");
  }

  static KafkaBroker broker(Path dataDir, int port) {
    Path data = dataDir.toAbsolutePath();
    return new KafkaBroker(
        data.resolve("kafka"), port, port + 1, data.resolve("logs"), data.resolve("tmp/kafka"));
  }

  int run() throws Exception {
    Path data = options.dataDir();
    Preflight.javaVersion(17);
    Preflight.writable(data);
    run.create();
    Preflight.notRunning(run);
    if (options.build()) {
      new Build(options.home(), console).missing(Services.ALL);
    }
    List<Service> built = builtServices();
    Map<String, Integer> ports = ports(built);
    TrinoJava trinoJava = null;
    if (options.trino()) {
      trinoJava =
          TrinoJava.find(System.getenv(), TrinoJava.JVMS)
              .orElseThrow(
                  () -> new Preflight.Refused(TrinoJava.notFound(System.getenv(), TrinoJava.JVMS)));
      ports.put(TrinoNode.NAME, options.trinoPort());
    }
    Preflight.portsFree(ports);
    TrinoNode trino = trinoJava == null ? null : trino(trinoJava);
    Files.deleteIfExists(readyFile(data));

    Supervisor supervisor =
        new Supervisor(run, Backoff.standard(), message -> console.say("  " + message));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(supervisor, stopped), "cdp-shutdown"));
    run.writePid(SUPERVISOR, ProcessHandle.current().pid());
    console.say("data directory " + data);

    KafkaBroker broker = broker(data, options.kafkaPort());
    console.say("preparing Kafka in " + broker.dir());
    broker.prepare(Duration.ofSeconds(90));
    Supervised kafka = supervisor.start(broker.spec());
    console.sayf("starting kafka (pid %d, log %s)", kafka.pid(), run.logFile(KafkaBroker.NAME));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Supervised trinoProcess = null;
    if (trino != null) {
      trinoProcess = supervisor.start(trino.spec(http));
      console.sayf(
          "starting trino %s (pid %d, port %d, Java %d, log %s)",
          TrinoInstall.bundledVersion(),
          trinoProcess.pid(),
          trino.port(),
          trino.jdk().version(),
          run.logFile(TrinoNode.NAME));
    }
    List<Supervised> services =
        new ArrayList<>(
            startServices(
                supervisor, built.stream().filter(s -> !s.usesKafka()).toList(), broker, trino));
    ReadinessWait wait = new ReadinessWait(console);
    if (!wait.await(List.of(kafka), Duration.ofSeconds(90)).isEmpty()) {
      console.say("Kafka did not open port " + broker.port() + "; see " + run.logFile("kafka"));
      return 1;
    }
    services.addAll(
        startServices(
            supervisor, built.stream().filter(Service::usesKafka).toList(), broker, trino));
    List<Supervised> waitFor = new ArrayList<>(services);
    if (trinoProcess != null) {
      waitFor.add(trinoProcess);
    }
    List<Supervised> late =
        wait.await(waitFor, trinoProcess != null ? TRINO_READY_TIMEOUT : READY_TIMEOUT);
    int servicesLate = (int) late.stream().filter(services::contains).count();
    late.forEach(
        s -> console.say("  " + s.name() + " is not ready yet; see " + run.logFile(s.name())));
    console.sayf(
        "ready in %.1f s: %d of %d services up",
        console.elapsed(), services.size() - servicesLate, Services.ALL.size());
    console.say("gateway         " + "http://localhost:" + service(Services.GATEWAY).port());
    if (trino != null) {
      console.say(
          "query engine    trino at "
              + trino.jdbcUrl()
              + " (the default; \"engine\":\"duckdb\" still works)");
    }
    console.say("credentials     " + data.resolve("local-credentials.env") + "  (. it in a shell)");
    console.say("logs            " + data.resolve("logs"));
    if (options.demo()) {
      demo(late);
    }
    Files.writeString(readyFile(data), ProcessHandle.current().pid() + "\n");
    Recoveries.watch(supervisor.processes(), console);
    console.say("supervising; Ctrl-C or ./cdp down stops everything");
    stopped.await();
    return 0;
  }

  // A failed demo load is reported; the platform keeps running (the load can be repeated).
  private void demo(List<Supervised> late) {
    List<String> lateNames = late.stream().map(Supervised::name).toList();
    List<String> missing =
        Stream.of(service(Services.GATEWAY), service(Services.INGEST))
            .filter(s -> s.jar(options.home()).isEmpty() || lateNames.contains(s.module()))
            .map(Service::module)
            .toList();
    if (!missing.isEmpty()) {
      console.say(
          "demo not loaded: " + String.join(", ", missing) + " not ready; ./cdp demo later");
      return;
    }
    try {
      new DemoCommand(options, console).loadOnce();
    } catch (Exception e) {
      console.say("demo load failed: " + e.getMessage() + "; ./cdp demo retries it");
    }
  }

  // The unpacked server (downloaded and unpacked on first use) and its etc/, written now.
  private TrinoNode trino(TrinoJava java) throws InterruptedException {
    Path server;
    try {
      server =
          TrinoInstall.of(options.home(), System.getenv(), options.dataDir().resolve("logs"))
              .ensure(console::say);
    } catch (TrinoInstall.Failed e) {
      throw new Preflight.Refused(e.getMessage());
    }
    TrinoNode node =
        new TrinoNode(
            options.dataDir().resolve("trino"),
            options.trinoPort(),
            options.dataDir().resolve("lake"),
            server,
            java);
    node.prepare();
    return node;
  }

  private Service service(Service base) {
    return options.services().stream()
        .filter(s -> s.module().equals(base.module()))
        .findFirst()
        .orElseThrow();
  }

  private List<Service> builtServices() {
    List<Service> built = new ArrayList<>();
    for (Service service : options.services()) {
      if (service.jar(options.home()).isPresent()) {
        built.add(service);
      } else {
        console.sayf(
            "  %-17s %s",
            service.module(),
            !service.inCheckout(options.home())
                ? "absent: skipped"
                : service.packaged(options.home()).isPresent()
                    ? "not runnable yet (a plain jar, no Main-Class): skipped"
                    : "not built: skipped");
      }
    }
    return built;
  }

  private Map<String, Integer> ports(List<Service> services) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("kafka", options.kafkaPort());
    ports.put("kafka controller", options.kafkaPort() + 1);
    services.forEach(s -> ports.put(s.module(), s.port()));
    return ports;
  }

  private List<Supervised> startServices(
      Supervisor supervisor, List<Service> services, KafkaBroker broker, TrinoNode trino) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    List<Supervised> started = new ArrayList<>();
    for (Service service : services) {
      Path jar = service.jar(options.home()).orElseThrow();
      ProcessSpec spec =
          service.spec(
              jar, options.dataDir(), broker.bootstrap(), Services.urls(options.services()), http);
      if (trino != null && service.module().equals(QUERY_SERVICE)) {
        spec = withEnvironment(spec, trino.queryServiceEnvironment());
      }
      Supervised process = supervisor.start(spec);
      console.sayf(
          "starting %-17s (pid %d, port %d)", service.module(), process.pid(), service.port());
      started.add(process);
    }
    return started;
  }

  private static final String QUERY_SERVICE = "query-service";

  private static ProcessSpec withEnvironment(ProcessSpec spec, Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(spec.environment());
    env.putAll(extra);
    return new ProcessSpec(
        spec.name(), spec.command(), env, spec.workDir(), spec.port(), spec.readiness());
  }

  private void stop(Supervisor supervisor, CountDownLatch stopped) {
    console.say("stopping: services first, Kafka last");
    supervisor.stopAll(STOP_GRACE);
    supervisor.close();
    run.removePid(SUPERVISOR);
    try {
      Files.deleteIfExists(readyFile(options.dataDir()));
    } catch (java.io.IOException e) {
      // nothing to clean then
    }
    console.say("stopped");
    stopped.countDown();
  }
}
