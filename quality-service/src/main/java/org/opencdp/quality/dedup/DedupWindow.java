package org.opencdp.quality.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The messageIds that landed in the lake's {@code events} table within the window, per tenant, plus
 * those buffered for a file not yet written. An id is a duplicate when either holds it. The durable
 * part is rebuilt from the lake on start ({@link #landed}); the buffered part is dropped whenever
 * the intake drops its buffers, so that records read again after a failure are not mistaken for
 * copies of themselves. Used by the intake thread only.
 */
public final class DedupWindow {

  private record Landed(String key, long atMillis) {}

  private final long windowMillis;
  private final Map<String, Long> durable = new HashMap<>();
  private final ArrayDeque<Landed> order = new ArrayDeque<>();
  private final Map<String, Integer> pending = new HashMap<>();

  public DedupWindow(Duration window) {
    this.windowMillis = window.toMillis();
  }

  /**
   * Whether {@code messageId} of {@code tenant} was already seen; if not, it is now held as pending
   * until {@link #landed} or {@link #forgetPending}.
   */
  public boolean seenElseHold(String tenant, String messageId) {
    if (windowMillis <= 0 || messageId == null) {
      return false;
    }
    String key = key(tenant, messageId);
    if (durable.containsKey(key) || pending.containsKey(key)) {
      return true;
    }
    pending.merge(key, 1, Integer::sum);
    return false;
  }

  /** Releases a pending id whose record did not go to the events buffer after all. */
  public void release(String tenant, String messageId) {
    if (messageId != null) {
      pending.computeIfPresent(key(tenant, messageId), (k, n) -> n > 1 ? n - 1 : null);
    }
  }

  /** The id is durable in the lake since {@code at} (its receivedAt, or when the file was read). */
  public void landed(String tenant, String messageId, Instant at) {
    if (windowMillis <= 0 || messageId == null) {
      return;
    }
    String key = key(tenant, messageId);
    pending.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    long millis = at == null ? System.currentTimeMillis() : at.toEpochMilli();
    Long before = durable.put(key, millis);
    if (before == null || before < millis) {
      order.addLast(new Landed(key, millis));
    }
  }

  /** Drops every pending id: their buffers were dropped and will be read again. */
  public void forgetPending() {
    pending.clear();
  }

  /** Forgets ids that landed before {@code now - window}. */
  public void expire(Instant now) {
    long cutoff = now.toEpochMilli() - windowMillis;
    while (!order.isEmpty() && order.peekFirst().atMillis() < cutoff) {
      Landed oldest = order.pollFirst();
      Long current = durable.get(oldest.key());
      if (current != null && current < cutoff) {
        durable.remove(oldest.key());
      }
    }
  }

  public int size() {
    return durable.size();
  }

  public Duration window() {
    return Duration.ofMillis(windowMillis);
  }

  private static String key(String tenant, String messageId) {
    return tenant + '\u0000' + messageId;
  }
}
