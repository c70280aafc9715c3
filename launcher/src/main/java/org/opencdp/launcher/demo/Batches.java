package org.opencdp.launcher.demo;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Packs serialized events into {@code /v1/batch} bodies within Segment's limits: a body stays under
 * {@code maxBatchBytes}, an event over {@code maxEventBytes} is refused before it is sent.
 */
public final class Batches {

  /** Segment's limits, with room for the wrapper: 500 KB a batch, 32 KB an event. */
  public static final int MAX_BATCH_BYTES = 500 * 1024 - 1024;

  public static final int MAX_EVENT_BYTES = 32 * 1024;
  public static final int MAX_EVENTS = 2_000;

  private static final byte[] OPEN =
      "{\"batch\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] CLOSE = "]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final int maxBatchBytes;
  private final int maxEventBytes;
  private final Consumer<Batch> flush;
  private ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int count;
  private long oversized;

  /** One request body and how many events it carries. */
  public record Batch(byte[] body, int events) {}

  public Batches(int maxBatchBytes, int maxEventBytes, Consumer<Batch> flush) {
    this.maxBatchBytes = maxBatchBytes;
    this.maxEventBytes = maxEventBytes;
    this.flush = flush;
  }

  /** Adds one event's JSON; flushes first when it would not fit. Answers false if it is too big. */
  public boolean add(byte[] event) {
    if (event.length > maxEventBytes) {
      oversized++;
      return false;
    }
    if (count > 0
        && (body.size() + 1 + event.length + CLOSE.length > maxBatchBytes || count >= MAX_EVENTS)) {
      flush();
    }
    if (count == 0) {
      body.writeBytes(OPEN);
    } else {
      body.write(',');
    }
    body.writeBytes(event);
    count++;
    return true;
  }

  /** Sends what is pending, if anything. */
  public void flush() {
    if (count == 0) {
      return;
    }
    body.writeBytes(CLOSE);
    flush.accept(new Batch(body.toByteArray(), count));
    body = new ByteArrayOutputStream();
    count = 0;
  }

  public long oversized() {
    return oversized;
  }
}
