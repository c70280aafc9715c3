package org.opencdp.launcher.cli;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.opencdp.launcher.kafka.KafkaBroker;
import org.opencdp.launcher.process.Readiness;
import org.opencdp.launcher.process.RunDirectory;
import org.opencdp.launcher.services.Service;
import org.opencdp.launcher.services.Services;
import org.opencdp.launcher.trino.SelectOne;
import org.opencdp.launcher.trino.TrinoNode;

/** {@code ./cdp status}: every process with its pid, port and health. */
final class Status {

  private final CdpOptions options;
  private final Console console;

  Status(CdpOptions options, Console console) {
    this.options = options;
    this.console = console;
  }

  int run() {
    RunDirectory run = new RunDirectory(options.dataDir());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    console.say("data directory " + options.dataDir());
    line("PROCESS", "PID", "PORT", "STATE");
    line(
        Up.SUPERVISOR,
        pid(run, Up.SUPERVISOR),
        "-",
        run.live(Up.SUPERVISOR).isPresent()
            ? (java.nio.file.Files.exists(Up.readyFile(options.dataDir()))
                ? "supervising"
                : "starting")
            : "not running");
    int kafkaPort = options.kafkaPort();
    line(
        KafkaBroker.NAME,
        pid(run, KafkaBroker.NAME),
        String.valueOf(kafkaPort),
        state(run, KafkaBroker.NAME, Readiness.tcp(kafkaPort), true));
    int trinoPort = options.trinoPort();
    boolean trinoRunning = run.live(TrinoNode.NAME).isPresent();
    line(
        TrinoNode.NAME,
        pid(run, TrinoNode.NAME),
        String.valueOf(trinoPort),
        trinoRunning || run.readPid(TrinoNode.NAME).isPresent()
            ? state(
                run, TrinoNode.NAME, new SelectOne(http, trinoPort, TrinoNode.ADMIN_USER), false)
            : "off (up --engine trino starts it)");
    int healthy = 0;
    for (Service service : options.services()) {
      boolean built = service.jar(options.home()).isPresent();
      String state =
          built
              ? state(run, service.module(), Readiness.http(http, service.readinessUrl()), false)
              : !service.inCheckout(options.home())
                  ? "absent"
                  : service.packaged(options.home()).isPresent() ? "not runnable yet" : "not built";
      healthy += state.equals("ready") ? 1 : 0;
      line(service.module(), pid(run, service.module()), String.valueOf(service.port()), state);
    }
    console.say(healthy + " of " + Services.ALL.size() + " services ready");
    return 0;
  }

  private static String state(RunDirectory run, String name, Readiness readiness, boolean tcp) {
    boolean alive = run.live(name).isPresent();
    Readiness.State seen = readiness.check();
    if (!alive) {
      return seen == Readiness.State.NOT_LISTENING
          ? "stopped"
          : "stopped (port held by another process)";
    }
    return switch (seen) {
      case READY -> "ready";
      case NOT_READY -> "running, not ready";
      case NOT_LISTENING -> tcp ? "starting" : "starting (not listening yet)";
    };
  }

  private static String pid(RunDirectory run, String name) {
    Optional<ProcessHandle> live = run.live(name);
    return live.map(p -> String.valueOf(p.pid())).orElse("-");
  }

  private void line(String process, String pid, String port, String state) {
    console.sayf("  %-17s %-8s %-6s %s", process, pid, port, state);
  }
}
