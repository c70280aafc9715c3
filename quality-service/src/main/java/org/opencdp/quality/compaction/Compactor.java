package org.opencdp.quality.compaction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencdp.event.lake.LakeFiles;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.LakeListener;
import org.opencdp.quality.lake.LakeMerge;
import org.opencdp.quality.lake.LakeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Merges the small files of each partition of the lake's {@code events} table into one, on a single
 * thread of its own, every {@link CompactionProperties#interval}. The intake is never blocked: it
 * only ever adds new files, and compaction only ever picks complete files older than {@link
 * CompactionProperties#minFileAge}, never one being written.
 *
 * <p>The {@code quarantine} table is not compacted: the quarantine index records, per record, the
 * lake file that holds it, and indexes at start any quarantine file it does not know, so merging
 * quarantine files would leave the index pointing at files that are gone.
 *
 * <p>Per partition: take the partition's lock (or leave it to whoever holds it), remove what an
 * earlier compaction superseded, pick the small files, merge them under a hidden name ({@link
 * LakeMerge}), check the lock is still held and every input still there and superseded by nothing,
 * rename into place, delete the inputs, tell the listener.
 */
public final class Compactor implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Compactor.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Lake lake;
  private final LakeWriter writer;
  private final CompactionProperties properties;
  private final Clock clock;
  private final LakeListener listener;
  private final Set<Path> unmergeable = ConcurrentHashMap.newKeySet();
  private final Counter runs;
  private final Counter failures;
  private final Counter compactions;
  private final Counter filesIn;
  private final Counter filesOut;
  private final Counter rows;
  private final Counter locked;
  private final Timer duration;

  private volatile ScheduledExecutorService executor;
  private volatile Instant lastSweep;

  public Compactor(
      Lake lake,
      LakeWriter writer,
      CompactionProperties properties,
      Clock clock,
      MeterRegistry registry,
      LakeListener listener) {
    this.lake = lake;
    this.writer = writer;
    this.properties = properties;
    this.clock = clock;
    this.listener = listener;
    this.runs = Counter.builder("cdp.lake.compaction.runs").register(registry);
    this.failures = Counter.builder("cdp.lake.compaction.failures").register(registry);
    this.compactions = Counter.builder("cdp.lake.compaction.compactions").register(registry);
    this.filesIn = Counter.builder("cdp.lake.compaction.files.in").register(registry);
    this.filesOut = Counter.builder("cdp.lake.compaction.files.out").register(registry);
    this.rows = Counter.builder("cdp.lake.compaction.rows").register(registry);
    this.locked = Counter.builder("cdp.lake.compaction.locked").register(registry);
    this.duration = Timer.builder("cdp.lake.compaction.duration").register(registry);
  }

  @Override
  public synchronized void start() {
    if (executor != null || !properties.enabled()) {
      return;
    }
    ScheduledExecutorService e =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lake-compaction");
              t.setDaemon(
                  true); // a SIGKILL or a JVM going down leaves what the lake protocol allows
              return t;
            });
    long every = properties.interval().toMillis();
    e.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
    executor = e;
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService e = executor;
    executor = null;
    if (e == null) {
      return;
    }
    e.shutdown();
    try {
      if (!e.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        e.shutdownNow();
      }
    } catch (InterruptedException ex) {
      e.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  private void runQuietly() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      failures.increment();
      log.warn(
          "Lake compaction failed; trying again in {}: {}", properties.interval(), e.toString());
    }
  }

  /** One pass over every partition of {@code events}; returns the files it wrote. */
  public List<LakeFile> runOnce() {
    runs.increment();
    sweepAbandoned();
    List<LakeFile> written = new ArrayList<>();
    for (Path partition : lake.partitions(LakeTable.EVENTS)) {
      if (Thread.currentThread().isInterrupted()) {
        break; // stopping
      }
      try {
        compact(partition).ifPresent(written::add);
      } catch (RuntimeException e) {
        failures.increment();
        log.warn("Could not compact {}: {}", lake.root().relativize(partition), e.toString());
      }
    }
    return written;
  }

  /**
   * Removes files in progress that nobody has touched for {@link Lake#UNFINISHED_AFTER}: left by a
   * replica that died, which a start leaves alone while they are young. At most once in that time:
   * it walks the whole lake.
   */
  private void sweepAbandoned() {
    Instant now = clock.instant();
    if (lastSweep != null && lastSweep.plus(Lake.UNFINISHED_AFTER).isAfter(now)) {
      return;
    }
    lastSweep = now;
    try {
      int removed = lake.discardInProgress(now.minus(Lake.UNFINISHED_AFTER)).size();
      if (removed > 0) {
        log.info("Removed {} abandoned in-progress lake files", removed);
      }
    } catch (RuntimeException e) {
      log.warn("Could not sweep abandoned in-progress lake files: {}", e.toString());
    }
  }

  /** Compacts one partition folder of {@code events} if it has enough small files. */
  public Optional<LakeFile> compact(Path partition) {
    Optional<PartitionLock> held =
        PartitionLock.tryAcquire(partition, properties.lockTimeout(), clock);
    if (held.isEmpty()) {
      locked.increment();
      return Optional.empty();
    }
    try (PartitionLock lock = held.get()) {
      Lake.discardSuperseded(partition);
      List<Path> listed = Lake.listComplete(partition);
      if (LakeFiles.superseded(listed, Lake::compactedFrom).stream().anyMatch(listed::contains)) {
        return Optional.empty(); // inputs of an earlier compaction could not be removed
      }
      List<Path> inputs = pick(listed);
      if (inputs.size() < properties.minFiles()) {
        return Optional.empty();
      }
      return Optional.of(merge(partition, inputs, lock));
    }
  }

  private LakeFile merge(Path partition, List<Path> inputs, PartitionLock lock) {
    long started = System.nanoTime();
    LakeMerge.Prepared prepared;
    try {
      prepared = LakeMerge.prepare(writer, LakeTable.EVENTS, partition, inputs);
    } catch (LakeMerge.Unmergeable e) {
      unmergeable.add(e.file());
      log.warn("{}; it is left as it is", e.getMessage());
      throw e;
    }
    try (prepared) {
      List<Path> now = Lake.listComplete(partition);
      // a listing keeps entries gone after its read: ask the files themselves
      if (!inputs.stream().allMatch(Files::exists)
          || LakeFiles.superseded(now, Lake::compactedFrom).stream().anyMatch(inputs::contains)) {
        throw new IllegalStateException("the inputs changed while they were merged");
      }
      if (!lock.stillHeld(clock)) {
        throw new IllegalStateException("the partition's lock was taken over");
      }
      prepared.commit();
      prepared.removeInputs();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    LakeFile file = prepared.file();
    compactions.increment();
    filesIn.increment(inputs.size());
    filesOut.increment();
    rows.increment(file.rows());
    duration.record(took);
    String relative = lake.root().relativize(partition).toString();
    log.info(
        "Compacted {} files ({} rows) of {} into {} in {} ms",
        inputs.size(),
        file.rows(),
        relative,
        file.path().getFileName(),
        took.toMillis());
    try {
      listener.compacted(LakeTable.EVENTS, relative, file, prepared.inputs(), took);
    } catch (RuntimeException e) {
      log.warn("A lake listener failed: {}", e.toString());
    }
    return file;
  }

  /** The oldest small files old enough, up to the size and count a run may merge. */
  private List<Path> pick(List<Path> listed) {
    Instant youngest = clock.instant().minus(properties.minFileAge());
    long target = properties.targetSize().toBytes();
    List<Path> picked = new ArrayList<>();
    long bytes = 0;
    Set<Path> gone = new HashSet<>();
    for (Path file : listed) {
      if (unmergeable.contains(file)) {
        continue;
      }
      long size;
      Instant modified;
      try {
        size = Files.size(file);
        modified = Files.getLastModifiedTime(file).toInstant();
      } catch (NoSuchFileException e) {
        gone.add(file);
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException("could not look at " + file, e);
      }
      if (size >= target || modified.isAfter(youngest)) {
        continue;
      }
      if (!picked.isEmpty() && bytes + size > target) {
        break;
      }
      picked.add(file);
      bytes += size;
      if (picked.size() >= properties.maxInputs()) {
        break;
      }
    }
    if (!gone.isEmpty()) {
      return List.of(); // someone else is changing the partition: leave it this round
    }
    return picked;
  }
}
