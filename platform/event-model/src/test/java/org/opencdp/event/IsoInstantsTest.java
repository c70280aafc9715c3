package org.opencdp.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class IsoInstantsTest {

  @Property(tries = 2000)
  void formatsExactlyLikeInstantToString(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = 0, max = 2) int precision) {
    int rounded =
        precision == 0
            ? nanos / 1_000_000 * 1_000_000
            : precision == 1 ? nanos / 1000 * 1000 : nanos;
    Instant t = Instant.ofEpochSecond(seconds, rounded);
    assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
  }

  @Property(tries = 50)
  void fallsBackOutsideFourDigitYears(
      @ForAll @LongRange(min = 253_402_300_800L, max = 9_000_000_000_000L) long seconds) {
    Instant t = Instant.ofEpochSecond(seconds);
    assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
  }
}
