package org.opencdp.quality.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLockTest {

  static final Duration TIMEOUT = Duration.ofMinutes(10);
  static final Clock CLOCK = Clock.systemUTC();

  @TempDir Path folder;

  void staleLock(String content, Duration age) throws Exception {
    Path lock = folder.resolve(PartitionLock.NAME);
    Files.writeString(lock, content);
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(age)));
  }

  @Test
  void onlyOneHolderAtATimeAndTheLockIsFreeOnceReleased() {
    Optional<PartitionLock> first = PartitionLock.tryAcquire(folder, TIMEOUT, CLOCK);
    assertThat(first).isPresent();
    assertThat(PartitionLock.tryAcquire(folder, TIMEOUT, CLOCK)).isEmpty();
    assertThat(first.get().stillHeld(CLOCK)).isTrue();

    first.get().close();

    assertThat(folder.resolve(PartitionLock.NAME)).doesNotExist();
    Optional<PartitionLock> second = PartitionLock.tryAcquire(folder, TIMEOUT, CLOCK);
    assertThat(second).isPresent();
    second.get().close();
  }

  @Test
  void aFreshLockOfAnotherHostIsRespectedAndAnOldOneTakenOver() throws Exception {
    staleLock("token=x\nhost=some-other-host\npid=1", Duration.ofMinutes(1));
    assertThat(PartitionLock.tryAcquire(folder, TIMEOUT, CLOCK)).isEmpty();

    staleLock("token=x\nhost=some-other-host\npid=1", Duration.ofMinutes(11));
    Optional<PartitionLock> taken = PartitionLock.tryAcquire(folder, TIMEOUT, CLOCK);

    assertThat(taken).isPresent();
    assertThat(Files.readString(folder.resolve(PartitionLock.NAME))).doesNotContain("token=x");
    try (var files = Files.list(folder)) {
      assertThat(files).hasSize(1); // the stale lock moved away was deleted
    }
    taken.get().close();
  }

  @Test
  void aLockOfAProcessOfThisHostThatNoLongerRunsIsTakenOverAtOnce() throws Exception {
    Process gone =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .start();
    gone.waitFor(30, TimeUnit.SECONDS);
    String host = InetAddress.getLocalHost().getHostName();
    staleLock("token=x\nhost=" + host + "\npid=" + gone.pid(), Duration.ZERO);

    assertThat(PartitionLock.tryAcquire(folder, TIMEOUT, CLOCK)).isPresent();
  }

  @Test
  void aHolderWhoseLockWasTakenOverKnowsItBeforeItCommits() throws Exception {
    PartitionLock slow = PartitionLock.tryAcquire(folder, TIMEOUT, CLOCK).orElseThrow();
    Files.setLastModifiedTime(
        folder.resolve(PartitionLock.NAME),
        FileTime.from(Instant.now().minus(Duration.ofHours(1))));

    PartitionLock other = PartitionLock.tryAcquire(folder, TIMEOUT, CLOCK).orElseThrow();

    assertThat(slow.stillHeld(CLOCK)).isFalse();
    slow.close(); // does not release what is no longer its own
    assertThat(other.stillHeld(CLOCK)).isTrue();
    other.close();
  }

  @Test
  void ofContendersForAStaleLockExactlyOneHoldsIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 40; round++) {
        staleLock("token=old-" + round + "\nhost=elsewhere\npid=1", Duration.ofHours(1));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<PartitionLock>>> contenders = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
          contenders.add(
              pool.submit(
                  () -> {
                    go.await();
                    return PartitionLock.tryAcquire(folder, TIMEOUT, CLOCK);
                  }));
        }
        go.countDown();
        List<PartitionLock> winners = new ArrayList<>();
        for (Future<Optional<PartitionLock>> c : contenders) {
          c.get(30, TimeUnit.SECONDS).ifPresent(winners::add);
        }
        // two may briefly believe they won (a fresh lock moved away and not put back); only one
        // still holds it, and a holder checks that just before it renames anything into place
        assertThat(winners.stream().filter(w -> w.stillHeld(CLOCK)))
            .as("round %d", round)
            .hasSize(1);
        winners.forEach(PartitionLock::close);
        Files.deleteIfExists(folder.resolve(PartitionLock.NAME));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
