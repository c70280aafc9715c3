package org.opencdp.launcher.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencdp.launcher.demo.DemoSpec;

/**
 * The parsed command line of {@code ./cdp}.
 *
 * @param command up, down, status, demo, generate or help
 * @param home the checkout (where the modules and ./mvnw are)
 * @param dataDir all local state
 * @param demo whether {@code up} loads the demo tenant
 * @param demoSpec what the demo generator makes
 * @param detach whether {@code up} returns once ready, leaving the platform in the background
 * @param build whether missing jars are built first
 * @param out where {@code generate} writes NDJSON
 * @param kafkaPort the broker's client port
 * @param portOffset added to every service port (to run a second platform beside the first)
 * @param engine the query engine {@code up} sets up: {@code duckdb} (in query-service) or {@code
 *     trino} (a local Trino process, then query-service's default engine)
 * @param lakeRows with {@code demo}: write this many synthetic events straight into the lake (0:
 *     load the demo through the gateway instead)
 * @param tenant the tenant whose lake folder {@code demo --lake-rows} writes
 */
public record CdpOptions(
    String command,
    Path home,
    Path dataDir,
    boolean demo,
    DemoSpec demoSpec,
    boolean detach,
    boolean build,
    Path out,
    int kafkaPort,
    int portOffset,
    String engine,
    long lakeRows,
    String tenant) {

  /** The engines {@code --engine} accepts. */
  public static final List<String> ENGINES = List.of("duckdb", "trino");

  /** The services with the ports this run uses. */
  public java.util.List<org.opencdp.launcher.services.Service> services() {
    return org.opencdp.launcher.services.Services.shifted(portOffset);
  }

  /** Whether {@code up} starts a local Trino for query-service. */
  public boolean trino() {
    return engine.equals("trino");
  }

  /** The local Trino's port: 8090 moved by the port offset. */
  public int trinoPort() {
    return org.opencdp.launcher.trino.TrinoNode.DEFAULT_PORT + portOffset;
  }

  /** Thrown for a command line that cannot be understood; the message says why. */
  public static final class BadUsage extends RuntimeException {
    BadUsage(String message) {
      super(message);
    }
  }

  /** Parses {@code args}; {@code env} supplies CDP_DATA_DIR, {@code home} the checkout. */
  public static CdpOptions parse(List<String> args, Map<String, String> env, Path home) {
    String command = args.isEmpty() ? "help" : args.get(0);
    if (command.equals("-h") || command.equals("--help")) {
      command = "help";
    }
    Path dataDir = env.containsKey("CDP_DATA_DIR") ? Path.of(env.get("CDP_DATA_DIR")) : null;
    boolean demo = false;
    boolean detach = false;
    boolean build = true;
    Path out = null;
    int kafkaPort = 9092;
    int portOffset = 0;
    String engine = "duckdb";
    long lakeRows = 0;
    String tenant = "demo";
    DemoSpec spec = DemoSpec.standard();
    List<String> rest = new ArrayList<>(args.subList(Math.min(1, args.size()), args.size()));
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      switch (arg) {
        case "--demo" -> demo = true;
        case "--detach", "-d" -> detach = true;
        case "--no-build" -> build = false;
        case "--data-dir" -> dataDir = Path.of(value(rest, ++i, arg));
        case "--out" -> out = Path.of(value(rest, ++i, arg));
        case "--demo-size" -> spec = DemoSpec.preset(value(rest, ++i, arg)).withSeed(spec.seed());
        case "--seed" -> spec = spec.withSeed(number(value(rest, ++i, arg), arg));
        case "--days" -> spec = spec.withDays((int) number(value(rest, ++i, arg), arg));
        case "--customers" -> spec = spec.withCustomers((int) number(value(rest, ++i, arg), arg));
        case "--end-date" -> spec = spec.withEndDate(date(value(rest, ++i, arg)));
        case "--kafka-port" -> kafkaPort = (int) number(value(rest, ++i, arg), arg);
        case "--port-offset" -> portOffset = (int) number(value(rest, ++i, arg), arg);
        case "--engine" -> engine = value(rest, ++i, arg);
        case "--lake-rows" -> lakeRows = number(value(rest, ++i, arg), arg);
        case "--tenant" -> tenant = value(rest, ++i, arg);
        case "-h", "--help" -> command = "help";
        default -> throw new BadUsage("unknown option " + arg);
      }
    }
    if (!List.of("up", "down", "status", "demo", "generate", "help").contains(command)) {
      throw new BadUsage("unknown command " + command);
    }
    if (!ENGINES.contains(engine)) {
      throw new BadUsage("--engine needs duckdb or trino, got " + engine);
    }
    if (lakeRows < 0) {
      throw new BadUsage("--lake-rows needs a positive number, got " + lakeRows);
    }
    if (!tenant.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
      throw new BadUsage(
          "--tenant must match [a-z0-9][a-z0-9_-]{0,62} (lower-case letters, digits, _ and -), got "
              + tenant);
    }
    Path data = (dataDir == null ? home.resolve("data") : dataDir).toAbsolutePath().normalize();
    return new CdpOptions(
        command,
        home,
        data,
        demo,
        spec,
        detach,
        build,
        out,
        kafkaPort,
        portOffset,
        engine,
        lakeRows,
        tenant);
  }

  static String usage() {
    return """
        usage: ./cdp <command> [options]
          up       start Kafka and every built service, wait until healthy, supervise (Ctrl-C stops)
          down     stop what `up` started (from any shell, through the pid files)
          status   every process: pid, port, health
          demo     load the demo tenant into the running platform (once)
                   with --lake-rows N: write N synthetic events straight into the lake instead
          generate write the demo events as NDJSON (--out FILE) and the ground truth, no platform
        options:
          --engine E         with up: duckdb (default, inside query-service) | trino (also runs a
                             local Trino on port 8090+offset, query-service's default engine then;
                             needs a JDK >= 24: /usr/lib/jvm or CDP_TRINO_JAVA_HOME; downloads
                             trino-server, 783 MiB, through ./mvnw on first use)
          --lake-rows N      with demo: N events for benchmarks, no platform needed, deterministic
                             by --seed; shaped by --tenant T (default demo) --days N --end-date
                             --customers N (distinct users)
          --data-dir D       all local state (default: CDP_DATA_DIR, else <checkout>/data)
          --demo             with up: load the demo tenant once the platform is ready
          --demo-size S      small (500 customers, 30 days) | standard (20k customers, 365 days)
          --seed N --days N --customers N --end-date YYYY-MM-DD   shape the demo data
          --detach, -d       with up: return once ready; the platform keeps running (logs/cdp.log)
          --no-build         with up: do not build missing jars
          --kafka-port N     the broker's port (default 9092; the controller takes N+1)
          --port-offset N    add N to every service port (gateway 8080+N …)
        """;
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new BadUsage(option + " needs a value");
    }
    return args.get(i);
  }

  private static long number(String text, String option) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new BadUsage(option + " needs a number, got " + text);
    }
  }

  private static java.time.LocalDate date(String text) {
    try {
      return java.time.LocalDate.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadUsage("--end-date needs YYYY-MM-DD, got " + text);
    }
  }
}
