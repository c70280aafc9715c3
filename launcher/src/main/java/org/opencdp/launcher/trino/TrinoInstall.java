package org.opencdp.launcher.trino;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The unpacked {@code trino-server} tarball, fetched on first use: the tarball comes from Maven
 * Central through the checkout's {@code ./mvnw} into its local repository (where the query-service
 * tests find it too), and is unpacked with {@code tar} once into {@code .cache/trino} (Maven's own
 * unpack writes the tarball's hard links as empty files). A {@code .unpacked} marker, shared with
 * the query-service build, says the folder is complete.
 *
 * @param checkout the checkout (has {@code ./mvnw} and {@code .mvn/maven.config})
 * @param version the Trino release
 * @param serverHome where the unpacked server lives
 * @param logDir where the download's Maven output goes ({@code trino-install.log})
 */
public record TrinoInstall(Path checkout, String version, Path serverHome, Path logDir) {

  /** The environment variable naming an unpacked server to use instead of the cached one. */
  public static final String HOME_KEY = "CDP_TRINO_HOME";

  static final String MARKER = ".unpacked";
  private static final long MIB = 1024 * 1024;
  private static final long TARBALL_MIB = 783;
  private static final long UNPACKED_MIB = 855;
  private static final long PROGRESS_MILLIS = 5_000;

  /**
   * Thrown when the server cannot be fetched or unpacked; the message says why and where to look.
   */
  public static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message);
    }
  }

  /** The install for this checkout: {@code CDP_TRINO_HOME}, else {@code .cache/trino/...}. */
  public static TrinoInstall of(Path checkout, Map<String, String> env, Path logDir) {
    String version = bundledVersion();
    String configured = env.get(HOME_KEY);
    Path home =
        configured != null && !configured.isBlank()
            ? Path.of(configured).toAbsolutePath()
            : checkout.resolve(".cache").resolve("trino").resolve("trino-server-" + version);
    return new TrinoInstall(checkout, version, home, logDir);
  }

  /** The Trino release this build was made with (the root pom's {@code trino.version}). */
  public static String bundledVersion() {
    Properties properties = new Properties();
    try (InputStream in = TrinoInstall.class.getResourceAsStream("trino.properties")) {
      if (in == null) {
        throw new IllegalStateException("trino.properties missing from the launcher jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  public boolean installed() {
    return Files.exists(serverHome.resolve(MARKER)) && Files.isRegularFile(launcherScript());
  }

  public Path launcherScript() {
    return serverHome.resolve("bin").resolve("launcher");
  }

  /** The tarball's place in the checkout's local Maven repository. */
  public Path tarball() {
    return localRepository()
        .resolve("io/trino/trino-server")
        .resolve(version)
        .resolve("trino-server-" + version + ".tar.gz");
  }

  /**
   * Makes sure the server is unpacked, downloading and unpacking it when it is not, reporting
   * progress every few seconds; answers the server's folder.
   */
  public Path ensure(Consumer<String> progress) throws InterruptedException {
    if (installed()) {
      return serverHome;
    }
    if (!serverHome.startsWith(checkout.resolve(".cache"))) {
      throw new Failed(
          HOME_KEY + "=" + serverHome + " holds no unpacked trino-server (no bin/launcher)");
    }
    Path tarball = tarball();
    if (!Files.isRegularFile(tarball)) {
      download(tarball, progress);
    }
    unpack(tarball, progress);
    return serverHome;
  }

  private void download(Path tarball, Consumer<String> progress) throws InterruptedException {
    Path mvnw = checkout.resolve("mvnw");
    if (!Files.isExecutable(mvnw)) {
      throw new Failed(
          "trino-server " + version + " is not downloaded and there is no executable " + mvnw);
    }
    Path log = logDir.resolve("trino-install.log");
    progress.accept(
        "downloading trino-server "
            + version
            + " (about "
            + TARBALL_MIB
            + " MiB, once) through ./mvnw into "
            + tarball.getParent()
            + "; log "
            + log);
    List<String> command =
        List.of(
            mvnw.toString(),
            "-B",
            "dependency:get",
            "-Dartifact=io.trino:trino-server:" + version + ":tar.gz",
            "-Dtransitive=false");
    Path folder = tarball.getParent();
    int status =
        run(
            command,
            log,
            () -> folderBytes(folder),
            bytes ->
                progress.accept(
                    "  downloaded %d of about %d MiB".formatted(bytes / MIB, TARBALL_MIB)));
    if (status != 0 || !Files.isRegularFile(tarball)) {
      throw new Failed(
          "downloading trino-server "
              + version
              + " failed (./mvnw exit "
              + status
              + "); see "
              + log
              + " (a machine without Maven Central access needs "
              + tarball
              + " copied in, or --engine duckdb)");
    }
  }

  private void unpack(Path tarball, Consumer<String> progress) throws InterruptedException {
    Path parent = serverHome.getParent();
    Path log = logDir.resolve("trino-install.log");
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + parent, e);
    }
    progress.accept(
        "unpacking "
            + tarball.getFileName()
            + " into "
            + parent
            + " (about "
            + UNPACKED_MIB
            + " MiB, once)");
    int status =
        run(
            List.of("tar", "xzf", tarball.toString(), "-C", parent.toString()),
            log,
            () -> folderBytes(serverHome),
            bytes ->
                progress.accept(
                    "  unpacked %d of about %d MiB".formatted(bytes / MIB, UNPACKED_MIB)));
    if (status != 0 || !Files.isRegularFile(launcherScript())) {
      throw new Failed("unpacking " + tarball + " failed (tar exit " + status + "); see " + log);
    }
    try {
      Files.writeString(serverHome.resolve(MARKER), "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + serverHome.resolve(MARKER), e);
    }
  }

  // Runs the command with its output appended to the log, reporting measure() every few seconds.
  private static int run(
      List<String> command, Path log, LongSupplier measure, java.util.function.LongConsumer report)
      throws InterruptedException {
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      try {
        while (!process.waitFor(PROGRESS_MILLIS, TimeUnit.MILLISECONDS)) {
          report.accept(measure.getAsLong());
        }
      } finally {
        if (process.isAlive()) {
          process.destroyForcibly();
        }
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new Failed("cannot run " + command.get(0) + ": " + e.getMessage());
    }
  }

  private static long folderBytes(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /**
   * The local repository {@code ./mvnw} uses: {@code -Dmaven.repo.local} of {@code
   * .mvn/maven.config} (the checkout's {@code .cache/m2}), else {@code ~/.m2/repository}.
   */
  Path localRepository() {
    Path config = checkout.resolve(".mvn").resolve("maven.config");
    if (Files.isRegularFile(config)) {
      try {
        for (String token : Files.readString(config).split("\\s+")) {
          if (token.startsWith("-Dmaven.repo.local=")) {
            String value =
                token
                    .substring("-Dmaven.repo.local=".length())
                    .replace("${session.rootDirectory}", checkout.toString())
                    .replace("${maven.multiModuleProjectDirectory}", checkout.toString());
            return checkout.resolve(value).normalize();
          }
        }
      } catch (IOException e) {
        // the default then
      }
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }
}
