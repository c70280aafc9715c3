package org.opencdp.quality.dedup;

import java.time.Duration;
import java.time.Instant;

/**
 * The messageIds that landed in the lake's {@code events} table within the window, per tenant, plus
 * those buffered for a file not yet written. An id is a duplicate when either holds it. The durable
 * part is rebuilt from the lake on start ({@link #landed}); the buffered part is dropped whenever
 * the intake drops its buffers, so that records read again after a failure are not mistaken for
 * copies of themselves. Used by the intake thread only.
 */
public final class DedupWindow {

  private final long windowMillis;
  private final IdTable ids = new IdTable();

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
    return !ids.holdIfAbsent(tenant, messageId);
  }

  /** Releases a pending id whose record did not go to the events buffer after all. */
  public void release(String tenant, String messageId) {
    if (messageId != null) {
      ids.release(tenant, messageId);
    }
  }

  /** The id is durable in the lake since {@code at} (its receivedAt, or when the file was read). */
  public void landed(String tenant, String messageId, Instant at) {
    if (windowMillis <= 0 || messageId == null) {
      return;
    }
    ids.landed(tenant, messageId, at == null ? System.currentTimeMillis() : at.toEpochMilli());
  }

  /** Drops every pending id: their buffers were dropped and will be read again. */
  public void forgetPending() {
    ids.forgetPending();
  }

  /** Forgets ids that landed before {@code now - window}. */
  public void expire(Instant now) {
    ids.expireBefore(now.toEpochMilli() - windowMillis);
  }

  public int size() {
    return ids.durable();
  }

  public Duration window() {
    return Duration.ofMillis(windowMillis);
  }
}
