package org.opencdp.launcher.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The entry point of {@code ./cdp}: up (with DuckDB or a local Trino), down, status, demo,
 * generate.
 */
public final class Cdp {

  private Cdp() {}

  public static void main(String[] argv) {
    Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    Console console = new Console(System.out, started);
    Path home = Path.of(System.getProperty("cdp.home", ".")).toAbsolutePath().normalize();
    List<String> args = List.of(argv);
    int status;
    try {
      CdpOptions options = CdpOptions.parse(args, System.getenv(), home);
      status = run(options, console, args);
    } catch (CdpOptions.BadUsage | IllegalArgumentException e) {
      System.err.println("cdp: " + e.getMessage());
      System.err.print(CdpOptions.usage());
      status = 2;
    } catch (Preflight.Refused e) {
      System.err.println("cdp: refusing to start: " + e.getMessage());
      status = 1;
    } catch (Exception e) {
      System.err.println("cdp: " + e);
      status = 1;
    }
    System.exit(status);
  }

  static int run(CdpOptions options, Console console, List<String> args) throws Exception {
    return switch (options.command()) {
      case "up" ->
          options.detach()
              ? new Detach(options, console).run(args)
              : new Up(options, console).run();
      case "down" -> new Down(options, console).run();
      case "status" -> new Status(options, console).run();
      case "demo" ->
          options.lakeRows() > 0
              ? new DemoCommand(options, console).lake()
              : new DemoCommand(options, console).loadOnce();
      case "generate" -> new DemoCommand(options, console).generate();
      default -> {
        console.stream().print(CdpOptions.usage());
        yield 0;
      }
    };
  }
}
