package org.opencdp.launcher.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencdp.launcher.process.JavaCommand;

/**
 * {@code up --detach}: runs {@code up} again as a background process of its own session (output to
 * {@code logs/cdp.log}), shows its progress, and returns once it is ready.
 */
final class Detach {

  private final CdpOptions options;
  private final Console console;

  Detach(CdpOptions options, Console console) {
    this.options = options;
    this.console = console;
  }

  int run(List<String> args) throws IOException, InterruptedException {
    Path log = options.dataDir().resolve("logs").resolve("cdp.log");
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(Up.readyFile(options.dataDir()));
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/setsid");
    command.addAll(
        JavaCommand.main(
            List.of("-Xmx256m", "-Dcdp.home=" + options.home()),
            JavaCommand.ownClasspath(),
            Cdp.class.getName(),
            args.stream().filter(a -> !a.equals("--detach") && !a.equals("-d")).toList()));
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    long offset = Files.size(log);
    while (child.isAlive() && !Files.exists(Up.readyFile(options.dataDir()))) {
      offset = follow(log, offset);
      Thread.sleep(300);
    }
    follow(log, offset);
    if (!child.isAlive()) {
      console.say("the platform did not start (exit " + child.exitValue() + "); see " + log);
      return 1;
    }
    console.say(
        "running in the background (pid "
            + child.pid()
            + ", log "
            + log
            + "); ./cdp down stops it");
    return 0;
  }

  private long follow(Path log, long offset) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      if (file.length() <= offset) {
        return offset;
      }
      byte[] bytes = new byte[(int) (file.length() - offset)];
      file.seek(offset);
      file.readFully(bytes);
      console.stream().print(new String(bytes, StandardCharsets.UTF_8));
      console.stream().flush();
      return offset + bytes.length;
    }
  }
}
