package org.opencdp.launcher.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencdp.launcher.process.JavaCommand;
import org.opencdp.launcher.process.ProcessSpec;
import org.opencdp.launcher.process.Readiness;

/**
 * One OpenCDP service the local runtime knows: its Maven module and its port (ARCHITECTURE §3).
 *
 * @param module the Maven module, also the process name
 * @param port the HTTP port
 * @param usesKafka whether it needs the broker to start (it creates its topics at startup); one
 *     that does not starts beside the broker
 */
public record Service(String module, int port, boolean usesKafka) {

  /**
   * The module's runnable Spring Boot jar ({@code <module>/target/<module>-<version>.jar}), if
   * built.
   */
  public Optional<Path> jar(Path home) {
    return packaged(home).filter(Service::runnable);
  }

  /** The module's packaged jar, runnable or not (a module without an application yet). */
  public Optional<Path> packaged(Path home) {
    Path target = home.resolve(module).resolve("target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches(module + "-\\d[^/]*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
          .sorted()
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + target, e);
    }
  }

  // A module still being written may package a plain jar: only one with a Main-Class can run.
  private static boolean runnable(Path jar) {
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      java.util.jar.Manifest manifest = file.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue("Main-Class") != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the checkout has this module at all (some arrive with later issues). */
  public boolean inCheckout(Path home) {
    return Files.exists(home.resolve(module).resolve("pom.xml"));
  }

  public String readinessUrl() {
    return "http://localhost:" + port + "/actuator/health/readiness";
  }

  /** The service as a process with profile {@code local} on the shared data dir and broker. */
  public ProcessSpec spec(
      Path jar, Path dataDir, String bootstrap, Map<String, String> urls, HttpClient http) {
    Path data = dataDir.toAbsolutePath();
    Path tmp = data.resolve("tmp").resolve(module);
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + tmp, e);
    }
    List<String> options =
        List.of(
            "-Xms64m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            // C1 only: services start in about half the time on two cores; local runs favour that
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + tmp,
            "-DDJL_CACHE_DIR=" + data.resolve("cache").resolve("djl"));
    List<String> args =
        List.of(
            "--spring.profiles.active=local",
            "--cdp.data-dir=" + data,
            "--server.port=" + port,
            "--spring.kafka.bootstrap-servers=" + bootstrap);
    return new ProcessSpec(
        module,
        JavaCommand.jar(options, jar, args),
        environment(data, bootstrap, urls),
        data,
        port,
        Readiness.http(http, readinessUrl()));
  }

  private static Map<String, String> environment(
      Path data, String bootstrap, Map<String, String> urls) {
    Map<String, String> env = new java.util.LinkedHashMap<>(urls);
    env.put("CDP_DATA_DIR", data.toString());
    env.put("CDP_KAFKA_BOOTSTRAP", bootstrap);
    return env;
  }
}
