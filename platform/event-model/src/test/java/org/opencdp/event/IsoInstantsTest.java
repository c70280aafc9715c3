package org.opencdp.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

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

  @Property(tries = 3000)
  void parsesCanonicalTimestampsExactlyLikeJavaTime(
      @ForAll @LongRange(min = 0L, max = 7_258_118_400L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = 0, max = 9) int fractionDigits,
      @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours) {
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarterHours * 900);
    OffsetDateTime time = Instant.ofEpochSecond(seconds, nanos).atOffset(offset);
    String fraction = String.format("%09d", nanos).substring(0, fractionDigits);
    String text =
        time.toLocalDateTime().withNano(0).toString().substring(0, 16)
            + String.format(":%02d", time.getSecond())
            + (fractionDigits > 0 ? "." + fraction : "")
            + (offset.getTotalSeconds() == 0 && quarterHours % 2 == 0
                ? "Z"
                : offset.getId().equals("Z") ? "+00:00" : offset.getId());
    assertThat(IsoInstants.parseCanonical(text))
        .as(text)
        .isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @Test
  void leavesEverythingButTheCanonicalFormToJavaTime() {
    for (String text :
        new String[] {
          "2026-02-30T10:00:00Z",
          "2026-12-03T24:00:00Z",
          "2026-12-03T10:00:60Z",
          "2026-12-03T10:00Z",
          "2026-12-03t10:00:00z",
          "2026-12-03T10:00:00+0100",
          "2026-12-03T10:00:00.Z",
          "2026-12-03T10:00:00.1234567891Z",
          "+12026-12-03T10:00:00Z",
          "2026-12-03 10:00:00Z",
          "2026-12-03T10:00:00+19:00",
          "2026-12-03T10:00:00"
        }) {
      assertThat(IsoInstants.parseCanonical(text)).as(text).isNull();
    }
  }
}
