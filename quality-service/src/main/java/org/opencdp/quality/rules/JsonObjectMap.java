package org.opencdp.quality.rules;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON object as a CEL map, converted only as far as an expression looks into it: a key's value
 * becomes a CEL value ({@link JsonValues#of}) when it is first read, nested objects the same way.
 * Iterating, comparing or hashing it converts it all, so it equals {@link JsonValues#map} of the
 * same object. Not thread-safe: one per event and thread.
 */
final class JsonObjectMap extends AbstractMap<String, Object> {

  private final ObjectNode node;
  private final Map<String, Object> converted = new HashMap<>();
  private Map<String, Object> all;

  JsonObjectMap(ObjectNode node) {
    this.node = node;
  }

  /** A CEL value for {@code node}: a lazily converted map for an object. */
  static Object of(JsonNode node) {
    return node instanceof ObjectNode object ? new JsonObjectMap(object) : JsonValues.of(node);
  }

  @Override
  public Object get(Object key) {
    if (!(key instanceof String name)) {
      return null;
    }
    Object value = converted.get(name);
    if (value == null) {
      JsonNode child = node.get(name);
      if (child == null) {
        return null;
      }
      value = of(child);
      converted.put(name, value);
    }
    return value;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name && node.has(name);
  }

  @Override
  public int size() {
    return node.size();
  }

  @Override
  public boolean isEmpty() {
    return node.isEmpty();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    if (all == null) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (var entry : node.properties()) {
        map.put(entry.getKey(), get(entry.getKey()));
      }
      all = map;
    }
    return all.entrySet();
  }
}
