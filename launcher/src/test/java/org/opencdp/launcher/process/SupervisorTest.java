package org.opencdp.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {

  private Path data;
  private RunDirectory run;

  @BeforeEach
  void dataDir() throws Exception {
    data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "supervisor");
    run = new RunDirectory(data);
  }

  @Test
  void restartsACrashedProcessWithGrowingDelaysAndReportsIt() throws Exception {
    List<String> reports = new CopyOnWriteArrayList<>();
    Backoff backoff =
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(1));
    try (Supervisor supervisor = new Supervisor(run, backoff, reports::add)) {
      Supervised crasher = supervisor.start(shell("crasher", "echo started; exit 3"));
      awaitUntil(() -> crasher.restarts() >= 4, Duration.ofSeconds(20));
      supervisor.stopAll(Duration.ofSeconds(5));
    }
    assertThat(reports)
        .first()
        .asString()
        .contains("crasher exited with status 3")
        .contains("restarting in 100 ms");
    assertThat(reports).anySatisfy(r -> assertThat(r).contains("restarting in 200 ms"));
    assertThat(reports).anySatisfy(r -> assertThat(r).contains("restarting in 400 ms"));
    assertThat(Files.readAllLines(run.logFile("crasher")))
        .filteredOn("started"::equals)
        .hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void writesPidFilesAndStopsInReverseStartOrder() throws Exception {
    Path order = data.resolve("order.txt");
    try (Supervisor supervisor = new Supervisor(run, Backoff.standard(), r -> {})) {
      Supervised broker = supervisor.start(stoppable("broker", order));
      Supervised service = supervisor.start(stoppable("service", order));
      assertThat(run.readPid("broker")).contains(broker.pid());
      assertThat(run.readPid("service")).contains(service.pid());
      assertThat(ProcessHandle.of(broker.pid())).isPresent();
      Thread.sleep(300); // let the shells install their traps

      supervisor.stopAll(Duration.ofSeconds(10));

      assertThat(broker.isAlive()).isFalse();
      assertThat(service.isAlive()).isFalse();
      assertThat(broker.restarts()).isZero();
    }
    assertThat(Files.readAllLines(order)).containsExactly("service", "broker");
    assertThat(run.pidFile("broker")).doesNotExist();
    assertThat(run.pidFile("service")).doesNotExist();
  }

  @Test
  void shutdownFromAnotherShellUsesThePidFilesAndKillsWhatIgnoresTerm() throws Exception {
    Process polite = new ProcessBuilder("sleep", "60").start();
    Process stubborn =
        new ProcessBuilder("sh", "-c", "trap '' TERM; while true; do sleep 0.2; done").start();
    run.create();
    run.writePid("polite", polite.pid());
    run.writePid("stubborn", stubborn.pid());
    Thread.sleep(200);
    List<String> said = new CopyOnWriteArrayList<>();

    int stopped =
        new Shutdown(run, said::add)
            .stop(List.of("polite", "stubborn", "never-started"), Duration.ofSeconds(1));

    assertThat(stopped).isEqualTo(2);
    assertThat(polite.isAlive()).isFalse();
    assertThat(stubborn.isAlive()).isFalse();
    assertThat(said)
        .containsExactly(
            "stopping polite (pid " + polite.pid() + ")",
            "stopping stubborn (pid " + stubborn.pid() + ")");
    assertThat(run.pidFile("polite")).doesNotExist();
  }

  @Test
  void aStalePidFileNamesNoLiveProcess() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    run.create();
    run.writePid("gone", gone.pid());
    assertThat(run.live("gone")).isEmpty();
  }

  @Test
  void aPidRecycledByALaterProcessIsNotOurs() throws Exception {
    Process later = new ProcessBuilder("sleep", "30").start();
    try {
      run.create();
      run.writePid("old", later.pid());
      Files.setLastModifiedTime(
          run.pidFile("old"),
          java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
      assertThat(run.live("old")).isEmpty();
      run.writePid("current", later.pid());
      assertThat(run.live("current")).isPresent();
    } finally {
      later.destroyForcibly();
    }
  }

  @Test
  void backoffDoublesUpToItsCeiling() {
    Backoff backoff = Backoff.standard();
    assertThat(
            List.of(1, 2, 3, 6, 7, 100).stream()
                .map(backoff::delay)
                .map(Duration::toSeconds)
                .toList())
        .containsExactly(1L, 2L, 4L, 30L, 30L, 30L);
  }

  private ProcessSpec shell(String name, String script) {
    return new ProcessSpec(
        name, List.of("sh", "-c", script), Map.of(), data, 0, Readiness.started());
  }

  private ProcessSpec stoppable(String name, Path order) {
    return shell(
        name,
        "trap 'echo " + name + " >> " + order + "; exit 0' TERM; while true; do sleep 0.1; done");
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within %s", timeout).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
