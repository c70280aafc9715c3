package org.opencdp.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Utf8Test {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void acceptsWellFormedTextInEveryScript() {
    assertThat(Utf8.firstInvalid("ascii, ümlaut, 产品A, 😀".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(-1);
  }

  @Test
  void refusesOverlongFormsSurrogatesAndOutOfRangeCodePoints() {
    assertThat(Utf8.firstInvalid(bytes('a', 0xc0, 0xaf))).isEqualTo(1);
    assertThat(Utf8.firstInvalid(bytes(0xe0, 0x80, 0xaf))).isZero();
    assertThat(Utf8.firstInvalid(bytes(0xed, 0xa0, 0x80))).isZero();
    assertThat(Utf8.firstInvalid(bytes(0xf4, 0x90, 0x80, 0x80))).isZero();
    assertThat(Utf8.firstInvalid(bytes(0xff))).isZero();
    assertThat(Utf8.firstInvalid(bytes('x', 0xe4, 0xba))).isEqualTo(1);
  }

  @Property(tries = 300)
  void agreesWithTheJdkOnWhatItEncodes(@ForAll String text) {
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.firstInvalid(encoded)).isEqualTo(-1);
  }
}
