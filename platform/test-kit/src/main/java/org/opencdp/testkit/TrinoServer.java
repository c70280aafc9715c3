package org.opencdp.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-node Trino server (the {@code trino-server} tarball) with a Hive catalog {@code
 * lake} over a local folder, started once per test JVM and stopped at exit. It needs a JDK of
 * version 24 or newer: {@code CDP_TRINO_JAVA_HOME} (system property or environment) names one, else
 * {@code /usr/lib/jvm} is searched; where none exists, {@link #shared} skips the test.
 */
public final class TrinoServer {

  private static final Pattern NEXT_URI = Pattern.compile("\"nextUri\"\\s*:\\s*\"([^\"]+)\"");

  /** System property or environment variable naming the JDK that runs Trino. */
  public static final String JAVA_HOME_KEY = "CDP_TRINO_JAVA_HOME";

  /** System property naming the unpacked server ({@code .cache/trino/trino-server-476}). */
  public static final String HOME_KEY = "cdp.trino.home";

  private static final int MIN_JAVA = 24;
  // 40 s on an idle two-core machine; past 90 s while five builds share it
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private static TrinoServer shared;

  private final Process process;
  private final int port;
  private final Path lakeRoot;
  private final Path workDir;

  private TrinoServer(Process process, int port, Path lakeRoot, Path workDir) {
    this.process = process;
    this.port = port;
    this.lakeRoot = lakeRoot;
    this.workDir = workDir;
  }

  /**
   * The JVM's shared server, started on first use with an empty lake of its own in {@code
   * target/trino-<pid>/lake}. {@code accessRules} (file-based access control JSON, or {@code null}
   * for none) applies from the first call; later calls get the running server as it is.
   */
  public static synchronized TrinoServer shared(String accessRules) {
    if (shared == null) {
      Optional<Path> java = javaHome();
      Assumptions.assumeTrue(
          java.isPresent(),
          "Trino needs a JDK >= "
              + MIN_JAVA
              + ": set "
              + JAVA_HOME_KEY
              + " or install one under"
              + " /usr/lib/jvm; skipping the Trino tests");
      Path home = home();
      Assumptions.assumeTrue(
          Files.isDirectory(home.resolve("lib")),
          "No unpacked trino-server at " + home + " (set -D" + HOME_KEY + ")");
      Path work = Path.of("target", "trino-" + ProcessHandle.current().pid());
      shared = start(home, java.get(), work, null, accessRules);
    }
    return shared;
  }

  /**
   * A server of its own over {@code lakeRoot}, working in {@code work} (for a benchmark over an
   * existing lake); it fails where no JDK >= 24 or unpacked server exists.
   */
  public static TrinoServer start(Path lakeRoot, Path work, String accessRules) {
    Path java =
        javaHome().orElseThrow(() -> new IllegalStateException("Trino needs a JDK >= " + MIN_JAVA));
    return start(home(), java, work, lakeRoot, accessRules);
  }

  /**
   * Runs a server over a lake until this process is stopped: {@code <lake root> <work dir>
   * [<rules.json>]}; prints the JDBC URL and the rules file once it is ready.
   */
  public static void main(String[] args) throws Exception {
    String rules = args.length > 2 ? Files.readString(Path.of(args[2])) : null;
    TrinoServer server = start(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]), rules);
    System.out.println("jdbc " + server.jdbcUrl());
    System.out.println("rules " + server.rulesFile());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** The JDK for Trino: {@code CDP_TRINO_JAVA_HOME}, else the newest >= 24 in /usr/lib/jvm. */
  public static Optional<Path> javaHome() {
    String configured = System.getProperty(JAVA_HOME_KEY, System.getenv(JAVA_HOME_KEY));
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return majorVersion(path) >= MIN_JAVA ? Optional.of(path) : Optional.empty();
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> candidates = Files.list(jvms)) {
      return candidates
          .filter(p -> majorVersion(p) >= MIN_JAVA && Files.isExecutable(p.resolve("bin/java")))
          .max((a, b) -> Integer.compare(majorVersion(a), majorVersion(b)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static int majorVersion(Path jdk) {
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(jdk.resolve("release")));
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static Path home() {
    String home = System.getProperty(HOME_KEY, System.getenv("CDP_TRINO_HOME"));
    return home == null ? Path.of(".cache/trino/trino-server-476") : Path.of(home);
  }

  private static TrinoServer start(
      Path home, Path java, Path workDir, Path lake, String accessRules) {
    try {
      Path work = Files.createDirectories(workDir).toAbsolutePath().normalize();
      Path lakeRoot =
          lake != null ? lake.toAbsolutePath() : Files.createDirectories(work.resolve("lake"));
      int port = freePort();
      Path etc = TrinoConfig.write(home, work, port, lakeRoot, accessRules);
      ProcessBuilder builder =
          new ProcessBuilder(
                  home.resolve("bin/launcher").toString(),
                  "-etc-dir",
                  etc.toString(),
                  "-data-dir",
                  work.resolve("var").toString(),
                  "run")
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("server.log").toFile());
      Map<String, String> env = builder.environment();
      env.put("JAVA_HOME", java.toString());
      env.put("PATH", java.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
      Process process = builder.start();
      TrinoServer server = new TrinoServer(process, port, lakeRoot, work);
      AtExit.register(server::stop);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Trino", e);
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    Deadline deadline = Deadline.after(START_TIMEOUT);
    while (!deadline.passed()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Trino exited during start; see " + workDir.resolve("server.log"));
      }
      try {
        HttpResponse<String> info =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        // "starting":false comes before the coordinator has registered itself as a worker
        if (info.statusCode() == 200
            && info.body().contains("\"starting\":false")
            && answersAQuery(http)) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while Trino starts", e);
      }
      Deadline.pause(Duration.ofMillis(500));
    }
    stop();
    throw new IllegalStateException("Trino did not start in " + START_TIMEOUT + "; see " + workDir);
  }

  /**
   * Whether Trino answers queries, following the statement protocol's next URIs: {@code SELECT 1},
   * then one that must be scheduled on an active node. Even then a query on the lake can, for a
   * moment, fail with "No nodes available to run query": an active node serves only the system
   * catalog until the node list shows the catalogs it announced. query-service's Trino engine
   * retries that failure ({@code cdp.query.trino.workers-wait}). A user the access rules keep from
   * the system catalog is taken at {@code SELECT 1}'s word.
   */
  private boolean answersAQuery(HttpClient http) throws IOException, InterruptedException {
    if (!"done".equals(run(http, "SELECT 1"))) {
      return false;
    }
    String nodes = run(http, READY_QUERY);
    return "done".equals(nodes) || nodes.contains("Access Denied");
  }

  /** "done", or the body of the page that carried the query's error ("" when none came). */
  private String run(HttpClient http, String sql) throws IOException, InterruptedException {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/statement"))
                .timeout(Duration.ofSeconds(10))
                .header("X-Trino-User", "cdp")
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    for (int i = 0; i < 100 && page.statusCode() == 200; i++) {
      if (page.body().contains("\"error\"")) {
        return page.body();
      }
      Matcher next = NEXT_URI.matcher(page.body());
      if (!next.find()) {
        return "done";
      }
      page =
          http.send(
              HttpRequest.newBuilder(URI.create(next.group(1)))
                  .timeout(Duration.ofSeconds(10))
                  .header("X-Trino-User", "cdp")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
    return "";
  }

  /** Answered only once the coordinator is an active node: its split runs there. */
  static final String READY_QUERY =
      "SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'";

  /** {@code jdbc:trino://127.0.0.1:<port>}. */
  public String jdbcUrl() {
    return "jdbc:trino://127.0.0.1:" + port;
  }

  /**
   * The file-based access rules Trino rereads every second (when started with rules): a writer may
   * replace it to admit a new user.
   */
  public Path rulesFile() {
    return workDir.resolve("etc/rules.json");
  }

  public int port() {
    return port;
  }

  /** The folder catalog {@code lake} reads: write lake files below it. */
  public Path lakeRoot() {
    return lakeRoot;
  }

  /** SIGTERM, then a kill if it lingers. */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
