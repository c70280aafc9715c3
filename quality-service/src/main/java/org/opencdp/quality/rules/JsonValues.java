package org.opencdp.quality.rules;

import com.google.protobuf.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** JSON as CEL values: objects as maps, arrays as lists, integers as long, other numbers double. */
final class JsonValues {

  private JsonValues() {}

  static Object of(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      return map(node);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(of(item)));
      return list;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asString();
  }

  /** An object as a map; anything else as an empty map. */
  static Map<String, Object> map(JsonNode node) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (var entry : node.properties()) {
        map.put(entry.getKey(), of(entry.getValue()));
      }
    }
    return map;
  }
}
