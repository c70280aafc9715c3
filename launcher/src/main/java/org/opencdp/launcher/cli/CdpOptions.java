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
    int portOffset) {

  /** The services with the ports this run uses. */
  public java.util.List<org.opencdp.launcher.services.Service> services() {
    return org.opencdp.launcher.services.Services.shifted(portOffset);
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
    Path dataDir = env.containsKey("CDP_DATA_DIR") ? Path.of(env.get("CDP_DATA_DIR")) : null;
    boolean demo = false;
    boolean detach = false;
    boolean build = true;
    Path out = null;
    int kafkaPort = 9092;
    int portOffset = 0;
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
        case "-h", "--help" -> command = "help";
        default -> throw new BadUsage("unknown option " + arg);
      }
    }
    if (!List.of("up", "down", "status", "demo", "generate", "help").contains(command)) {
      throw new BadUsage("unknown command " + command);
    }
    Path data = (dataDir == null ? home.resolve("data") : dataDir).toAbsolutePath().normalize();
    return new CdpOptions(
        command, home, data, demo, spec, detach, build, out, kafkaPort, portOffset);
  }

  static String usage() {
    return """
        usage: ./cdp <command> [options]
          up       start Kafka and every built service, wait until healthy, supervise (Ctrl-C stops)
          down     stop what `up` started (from any shell, through the pid files)
          status   every process: pid, port, health
          demo     load the demo tenant into the running platform (once)
          generate write the demo events as NDJSON (--out FILE) and the ground truth, no platform
        options:
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
