package org.opencdp.launcher.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.opencdp.launcher.services.Service;

/**
 * Builds, through the Maven wrapper, the services that are in the checkout but were never packaged
 * (a plain jar means the module has no application yet: building again would not change that).
 */
final class Build {

  private final Path home;
  private final Console console;

  Build(Path home, Console console) {
    this.home = home;
    this.console = console;
  }

  /** Answers whether the build (if one was needed) succeeded. */
  boolean missing(List<Service> services) throws InterruptedException {
    List<String> modules =
        services.stream()
            .filter(s -> s.inCheckout(home) && s.packaged(home).isEmpty())
            .map(Service::module)
            .toList();
    if (modules.isEmpty()) {
      return true;
    }
    Path mvnw = home.resolve("mvnw");
    if (!Files.isExecutable(mvnw)) {
      console.say("cannot build " + modules + ": no executable " + mvnw);
      return false;
    }
    console.say("building " + String.join(", ", modules) + " (./mvnw package -DskipTests)");
    List<String> command =
        List.of(
            mvnw.toString(),
            "-B",
            "--no-transfer-progress",
            "-pl",
            String.join(",", modules),
            "-am",
            "package",
            "-DskipTests");
    try {
      Process build = new ProcessBuilder(command).directory(home.toFile()).inheritIO().start();
      int status = build.waitFor();
      if (status != 0) {
        console.say("the build failed (exit " + status + "); starting what is built");
      }
      return status == 0;
    } catch (IOException e) {
      console.say("cannot run " + mvnw + ": " + e.getMessage());
      return false;
    }
  }
}
