package org.opencdp.launcher.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs, with the same Java that runs the launcher. */
public final class JavaCommand {

  private JavaCommand() {}

  /** The {@code java} executable of the running JVM. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java <options> -cp <classpath> <mainClass> <args>}. */
  public static List<String> main(
      List<String> options, String classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(options);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** {@code java <options> -jar <jar> <args>}. */
  public static List<String> jar(List<String> options, Path jar, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(options);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return command;
  }

  /**
   * The launcher's own classpath. Started with {@code -jar}, it is the launcher jar, whose manifest
   * names its dependencies; a child JVM given it as {@code -cp} follows the manifest the same way.
   */
  public static String ownClasspath() {
    // absolute, since children run in other working directories
    return java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }
}
