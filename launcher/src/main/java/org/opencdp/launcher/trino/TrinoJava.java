package org.opencdp.launcher.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK that runs Trino (the server needs Java 24 or newer; the platform itself stays on 17):
 * {@code CDP_TRINO_JAVA_HOME} when set, else the newest JDK >= 24 under {@code /usr/lib/jvm}.
 *
 * @param home the JDK folder (has {@code bin/java} and {@code release})
 * @param version its feature version
 */
public record TrinoJava(Path home, int version) {

  /** The environment variable naming the JDK for Trino. */
  public static final String JAVA_HOME_KEY = "CDP_TRINO_JAVA_HOME";

  /** The lowest Java feature version Trino starts on. */
  public static final int MIN_VERSION = 24;

  /** Where JDKs are searched when {@link #JAVA_HOME_KEY} is not set. */
  public static final Path JVMS = Path.of("/usr/lib/jvm");

  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  /** The JDK for Trino, if one is configured or installed. */
  public static Optional<TrinoJava> find(Map<String, String> env, Path jvms) {
    String configured = env.get(JAVA_HOME_KEY);
    if (configured != null && !configured.isBlank()) {
      return usable(Path.of(configured));
    }
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> candidates = Files.list(jvms)) {
      return candidates
          .map(TrinoJava::usable)
          .flatMap(Optional::stream)
          .max(Comparator.comparingInt(TrinoJava::version).thenComparing(TrinoJava::home));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Why {@link #find} found nothing, worded for the person at the terminal. */
  public static String notFound(Map<String, String> env, Path jvms) {
    String configured = env.get(JAVA_HOME_KEY);
    if (configured != null && !configured.isBlank()) {
      int version = featureVersion(Path.of(configured));
      return "Trino needs a JDK "
          + MIN_VERSION
          + " or newer; "
          + JAVA_HOME_KEY
          + "="
          + configured
          + (version < 0 ? " is not a JDK (no release file or bin/java)" : " is Java " + version);
    }
    return "Trino needs a JDK "
        + MIN_VERSION
        + " or newer and none was found: "
        + JAVA_HOME_KEY
        + " is not set and "
        + jvms
        + " has none (install one there, e.g. Temurin 25, or set "
        + JAVA_HOME_KEY
        + " to its folder); or start with --engine duckdb";
  }

  /** The feature version a JDK folder's {@code release} file names, or -1. */
  public static int featureVersion(Path jdk) {
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(jdk.resolve("release")));
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  public Path java() {
    return home.resolve("bin").resolve("java");
  }

  private static Optional<TrinoJava> usable(Path jdk) {
    int version = featureVersion(jdk);
    return version >= MIN_VERSION && Files.isExecutable(jdk.resolve("bin").resolve("java"))
        ? Optional.of(new TrinoJava(jdk.toAbsolutePath(), version))
        : Optional.empty();
  }
}
