package org.opencdp.event;

import java.math.BigDecimal;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Walks a parsed tree for what the parser lets through but the platform refuses. */
final class JsonChecks {

  private static final BigDecimal MAX_DOUBLE = BigDecimal.valueOf(Double.MAX_VALUE);

  private JsonChecks() {}

  /**
   * Whether the raw JSON could hold what {@link #check} looks for: an unpaired surrogate can only
   * come from a {@code \\uD8xx}-{@code \\uDFxx} escape (well-formed UTF-8 cannot encode one), and a
   * number beyond a double only from an exponent, since number literals are at most 64 characters.
   * Most events have neither, and skip the walk.
   */
  static boolean mayHide(byte[] json) {
    for (int i = 1; i < json.length - 2; i++) {
      int b = json[i];
      // One test rejects almost every byte: only a backslash or an e/E goes further.
      if (b != '\\' && (b | 0x20) != 'e') {
        continue;
      }
      if (b == '\\') {
        if (json[i + 1] == 'u' && (json[i + 2] | 0x20) == 'd') {
          return true;
        }
        i++; // the escaped character cannot start anything
      } else if (isDigitOrPoint(json[i - 1])) {
        byte next = json[i + 1];
        if (next == '+' || next == '-' || (next >= '0' && next <= '9')) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isDigitOrPoint(byte b) {
    return (b >= '0' && b <= '9') || b == '.';
  }

  static void check(JsonNode node, String pointer) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String child = pointer + "/" + escape(e.getKey());
        checkString(e.getKey(), child, "property name");
        check(e.getValue(), child);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), pointer + "/" + i);
      }
    } else if (node.isString()) {
      checkString(node.stringValue(), pointer, "string");
    } else if (node.isBigDecimal() || node.isBigInteger()) {
      if (node.decimalValue().abs().compareTo(MAX_DOUBLE) > 0) {
        throw new MalformedJson(
            MalformedJson.Fault.NUMBER_OUT_OF_RANGE,
            "number at " + pointer + " is outside the range of a double",
            pointer,
            -1,
            -1);
      }
    }
  }

  private static void checkString(String s, String pointer, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw unpaired(pointer, what);
      }
      if (Character.isLowSurrogate(c)) {
        throw unpaired(pointer, what);
      }
    }
  }

  private static MalformedJson unpaired(String pointer, String what) {
    return new MalformedJson(
        MalformedJson.Fault.INVALID_STRING,
        what + " at " + pointer + " holds an unpaired UTF-16 surrogate",
        pointer,
        -1,
        -1);
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
