package org.opencdp.launcher.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one supervised process.
 *
 * @param name the process name: log file {@code logs/<name>.log}, pid file {@code run/<name>.pid}
 * @param command the command line, executable first
 * @param environment variables added to the launcher's own environment
 * @param workDir the working directory
 * @param port the port it listens on (0 for none): shown by status, checked before start
 * @param readiness how to tell that it is ready to serve
 */
public record ProcessSpec(
    String name,
    List<String> command,
    Map<String, String> environment,
    Path workDir,
    int port,
    Readiness readiness) {

  public ProcessSpec {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }
}
