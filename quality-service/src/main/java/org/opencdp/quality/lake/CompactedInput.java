package org.opencdp.quality.lake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One input of a compacted file, as its footer keeps it under {@value #METADATA_KEY} for lineage:
 * the input's name (in the same folder), its rows, and when it was written.
 *
 * @param name the input's file name
 * @param rows its row count
 * @param writtenAt its own {@code opencdp.written-at}, ISO-8601; null when it recorded none
 */
public record CompactedInput(String name, long rows, @Nullable String writtenAt) {

  /** The footer key of a compacted file's inputs: a JSON array of {name, rows, writtenAt}. */
  public static final String METADATA_KEY = "opencdp.compacted-inputs";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static String toJson(Collection<CompactedInput> inputs) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (CompactedInput input : inputs) {
      var entry = out.addObject().put("name", input.name()).put("rows", input.rows());
      if (input.writtenAt() != null) {
        entry.put("writtenAt", input.writtenAt());
      }
    }
    return JSON.writeValueAsString(out);
  }

  /** Reads what a compacted file's footer holds; none for a missing value. */
  public static List<CompactedInput> fromJson(@Nullable String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    List<CompactedInput> out = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(json)) {
      JsonNode writtenAt = entry.get("writtenAt");
      out.add(
          new CompactedInput(
              entry.required("name").stringValue(),
              entry.required("rows").longValue(),
              writtenAt == null || writtenAt.isNull() ? null : writtenAt.stringValue()));
    }
    return out;
  }
}
