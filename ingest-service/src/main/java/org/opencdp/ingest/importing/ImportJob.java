package org.opencdp.ingest.importing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.opencdp.event.Reason;

/** The progress of one bulk import, readable while it runs. */
final class ImportJob {

  enum State {
    RUNNING,
    COMPLETED,
    FAILED
  }

  private final String id;
  private final String tenantId;
  private final String format;
  private final Instant startedAt;
  private final int errorsKept;
  private final AtomicLong lines = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicLong acceptedThroughLine = new AtomicLong();
  private final List<Map<String, Object>> errors = new ArrayList<>();
  private volatile State state = State.RUNNING;
  private volatile Instant finishedAt;
  private volatile String failure;

  ImportJob(String id, String tenantId, String format, Instant startedAt, int errorsKept) {
    this.id = id;
    this.tenantId = tenantId;
    this.format = format;
    this.startedAt = startedAt;
    this.errorsKept = errorsKept;
  }

  String id() {
    return id;
  }

  String tenantId() {
    return tenantId;
  }

  State state() {
    return state;
  }

  void line(long bytesSoFar) {
    lines.incrementAndGet();
    bytes.set(bytesSoFar);
  }

  synchronized void error(long line, List<Reason> reasons) {
    if (errors.size() < errorsKept) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("line", line);
      entry.put("reasons", reasons);
      errors.add(entry);
    }
  }

  /** A chunk is acknowledged by Kafka: its events count as accepted or quarantined. */
  void committed(long acceptedInChunk, long quarantinedInChunk, long lastLine) {
    accepted.addAndGet(acceptedInChunk);
    quarantined.addAndGet(quarantinedInChunk);
    acceptedThroughLine.set(lastLine);
  }

  void complete(Instant at) {
    finishedAt = at;
    state = State.COMPLETED;
  }

  void fail(Instant at, String why) {
    failure = why;
    finishedAt = at;
    state = State.FAILED;
  }

  long acceptedThroughLine() {
    return acceptedThroughLine.get();
  }

  /** The report a client sees, both while running and at the end. */
  synchronized Map<String, Object> report(Instant now) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("importId", id);
    r.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
    r.put("format", format);
    r.put("startedAt", startedAt.toString());
    if (finishedAt != null) {
      r.put("finishedAt", finishedAt.toString());
    }
    Instant end = finishedAt != null ? finishedAt : now;
    long elapsed = Math.max(1, Duration.between(startedAt, end).toMillis());
    r.put("elapsedMs", elapsed);
    r.put("lines", lines.get());
    r.put("bytes", bytes.get());
    r.put("accepted", accepted.get());
    r.put("quarantined", quarantined.get());
    r.put("acceptedThroughLine", acceptedThroughLine.get());
    r.put("eventsPerSecond", (accepted.get() + quarantined.get()) * 1000 / elapsed);
    r.put("errors", List.copyOf(errors));
    r.put("errorsTruncated", quarantined.get() > errors.size());
    if (failure != null) {
      r.put("failure", failure);
    }
    return r;
  }
}
