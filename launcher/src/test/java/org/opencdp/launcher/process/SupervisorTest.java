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
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    run.writePid("crashed", gone.pid());
    Thread.sleep(200);
    List<String> said = new CopyOnWriteArrayList<>();

    int stopped =
        new Shutdown(run, said::add)
            .stop(List.of("polite", "stubborn", "crashed", "never-started"), Duration.ofSeconds(1));

    assertThat(stopped).isEqualTo(2);
    assertThat(polite.isAlive()).isFalse();
    assertThat(stubborn.isAlive()).isFalse();
    assertThat(said)
        .containsExactly(
            "stopping polite (pid " + polite.pid() + ")",
            "stopping stubborn (pid " + stubborn.pid() + ")",
            "crashed is not running (pid "
                + gone.pid()
                + " of its pid file is gone or another process)");
    assertThat(run.pidFile("polite")).doesNotExist();
    assertThat(run.pidFile("crashed")).doesNotExist();
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
  void aPidFileStillNamesItsProcessAfterTheWallClockStepped() throws Exception {
    Process running = new ProcessBuilder("sleep", "30").start();
    try {
      run.create();
      run.writePid("service", running.pid());
      // what a wall clock stepped an hour forward since the file was written looks like
      Files.setLastModifiedTime(run.pidFile("service"), hoursAgo(1));
      assertThat(run.live("service")).map(ProcessHandle::pid).contains(running.pid());
    } finally {
      running.destroyForcibly();
    }
  }

  @Test
  void aPidRecycledByAnotherProcessIsNotOurs() throws Exception {
    Process recorded = new ProcessBuilder("sleep", "30").start();
    Thread.sleep(50); // a later clock tick: a process started after it
    Process later = new ProcessBuilder("sleep", "30").start();
    try {
      run.create();
      String recordedIdentity =
          RunDirectory.identity(recorded.toHandle()).orElseThrow(); // as its pid file holds it
      Files.writeString(run.pidFile("old"), later.pid() + " " + recordedIdentity + "\n");
      assertThat(run.live("old")).isEmpty();
      run.writePid("current", later.pid());
      assertThat(run.live("current")).isPresent();
    } finally {
      recorded.destroyForcibly();
      later.destroyForcibly();
    }
  }

  @Test
  void aPidFileWithoutIdentityIsJudgedByWhenItWasWritten() throws Exception {
    Process later = new ProcessBuilder("sleep", "30").start();
    try {
      run.create();
      Files.writeString(run.pidFile("old"), later.pid() + "\n");
      Files.setLastModifiedTime(run.pidFile("old"), hoursAgo(1));
      assertThat(run.live("old")).isEmpty();
      Files.writeString(run.pidFile("current"), later.pid() + "\n");
      assertThat(run.live("current")).isPresent();
    } finally {
      later.destroyForcibly();
    }
  }

  @Test
  void aProcessWhoseNameHoldsSpacesAndParenthesesIsIdentified() throws Exception {
    Path odd = data.resolve("odd) name (x");
    Files.copy(Path.of("/bin/sleep"), odd);
    odd.toFile().setExecutable(true);
    Process running = new ProcessBuilder(odd.toString(), "30").start();
    try {
      String identity = RunDirectory.identity(running.toHandle()).orElseThrow();
      assertThat(identity).matches("boot-ticks:[0-9]+");
      // the field read is the start: boot time plus those ticks is when Java says it started
      long ticks = Long.parseLong(identity.substring("boot-ticks:".length()));
      java.time.Instant fromTicks = bootTime().plusMillis(ticks * 1000 / clockTicksPerSecond());
      assertThat(Duration.between(fromTicks, running.info().startInstant().orElseThrow()).abs())
          .isLessThan(Duration.ofSeconds(2));
      run.create();
      run.writePid("odd", running.pid());
      assertThat(run.live("odd")).isPresent();
    } finally {
      running.destroyForcibly();
    }
  }

  private static java.time.Instant bootTime() throws Exception {
    return Files.readAllLines(Path.of("/proc/stat")).stream()
        .filter(line -> line.startsWith("btime "))
        .map(line -> java.time.Instant.ofEpochSecond(Long.parseLong(line.substring(6).strip())))
        .findFirst()
        .orElseThrow();
  }

  private static long clockTicksPerSecond() throws Exception {
    Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
    String hz = new String(getconf.getInputStream().readAllBytes()).strip();
    getconf.waitFor();
    return Long.parseLong(hz);
  }

  private static java.nio.file.attribute.FileTime hoursAgo(int hours) {
    return java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minusSeconds(3600L * hours));
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
