package org.opencdp.event;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode table 3-7): no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF. The JSON parser alone lets overlong forms through, and those
 * are a classic way to smuggle characters past filters.
 */
final class Utf8 {

  private Utf8() {}

  /** The offset of the first byte that breaks UTF-8, or -1 when all is well-formed. */
  static int firstInvalid(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min2;
      int max2 = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        min2 = 0x80;
      } else if (c == 0xe0) {
        need = 2;
        min2 = 0xa0;
      } else if (c >= 0xe1 && c <= 0xef) {
        need = 2;
        min2 = 0x80;
        if (c == 0xed) {
          max2 = 0x9f;
        }
      } else if (c == 0xf0) {
        need = 3;
        min2 = 0x90;
      } else if (c >= 0xf1 && c <= 0xf3) {
        need = 3;
        min2 = 0x80;
      } else if (c == 0xf4) {
        need = 3;
        min2 = 0x80;
        max2 = 0x8f;
      } else {
        return i;
      }
      if (i + need >= n) {
        return i;
      }
      int second = b[i + 1] & 0xff;
      if (second < min2 || second > max2) {
        return i;
      }
      for (int k = 2; k <= need; k++) {
        int next = b[i + k] & 0xff;
        if (next < 0x80 || next > 0xbf) {
          return i;
        }
      }
      i += need + 1;
    }
    return -1;
  }
}
