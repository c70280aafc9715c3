package org.opencdp.quality.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DedupWindowTest {

  static final Instant T0 = Instant.parse("2026-12-03T00:00:00Z");

  @Test
  void aLandedIdIsADuplicateWithinTheWindowOnly() {
    DedupWindow window = new DedupWindow(Duration.ofHours(24));
    window.landed("acme", "m1", T0);

    assertThat(window.seenElseHold("acme", "m1")).isTrue();
    window.expire(T0.plus(Duration.ofHours(23)));
    assertThat(window.seenElseHold("acme", "m1")).isTrue();
    window.expire(T0.plus(Duration.ofHours(25)));
    assertThat(window.seenElseHold("acme", "m1")).isFalse();
  }

  @Test
  void idsAreKeptPerTenant() {
    DedupWindow window = new DedupWindow(Duration.ofHours(1));
    window.landed("acme", "m1", T0);
    assertThat(window.seenElseHold("beta", "m1")).isFalse();
  }

  @Test
  void aSecondCopyInTheSameUnwrittenBufferIsADuplicate() {
    DedupWindow window = new DedupWindow(Duration.ofHours(1));
    assertThat(window.seenElseHold("acme", "m1")).isFalse();
    assertThat(window.seenElseHold("acme", "m1")).isTrue();
  }

  @Test
  void recordsReadAgainAfterDroppedBuffersAreNotTheirOwnDuplicates() {
    DedupWindow window = new DedupWindow(Duration.ofHours(1));
    assertThat(window.seenElseHold("acme", "m1")).isFalse();
    window.forgetPending(); // a failed write: the intake reads m1 again
    assertThat(window.seenElseHold("acme", "m1")).isFalse();
  }

  @Test
  void aReleasedIdWasNeverLanded() {
    DedupWindow window = new DedupWindow(Duration.ofHours(1));
    window.seenElseHold("acme", "m1");
    window.release("acme", "m1"); // it went to quarantine instead
    assertThat(window.seenElseHold("acme", "m1")).isFalse();
  }

  @Test
  void aZeroWindowTurnsDeduplicationOff() {
    DedupWindow window = new DedupWindow(Duration.ZERO);
    window.landed("acme", "m1", T0);
    assertThat(window.seenElseHold("acme", "m1")).isFalse();
  }
}
