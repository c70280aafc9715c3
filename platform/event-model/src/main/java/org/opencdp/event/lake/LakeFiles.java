package org.opencdp.event.lake;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Which files of a lake partition a reader reads (ARCHITECTURE §6). A complete file has a name
 * ending in {@code .parquet} that starts with neither a dot nor an underscore (those are files
 * being written). Compaction merges files of one partition into a file named {@code
 * compact-…parquet} whose footer lists the names of its inputs under {@value #COMPACTED_FROM_KEY};
 * it appears by one atomic rename, and its inputs are removed just after. A reader that lists a
 * partition in between sees both: it reads the compacted file and skips every file a compacted file
 * names, so it never counts a row twice and never misses one.
 */
public final class LakeFiles {

  /** The suffix of every complete lake file. */
  public static final String SUFFIX = ".parquet";

  /** The name prefix of a file written by compaction; only such files supersede others. */
  public static final String COMPACTED_PREFIX = "compact-";

  /** The footer (key-value metadata) key holding a compacted file's inputs: a JSON name array. */
  public static final String COMPACTED_FROM_KEY = "opencdp.compacted-from";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LakeFiles() {}

  /** Whether a file of this name is a complete lake file (not hidden, not in progress). */
  public static boolean isComplete(String fileName) {
    return !fileName.startsWith(".") && !fileName.startsWith("_") && fileName.endsWith(SUFFIX);
  }

  /** Whether a file of this name was written by compaction and may supersede other files. */
  public static boolean isCompacted(String fileName) {
    return isComplete(fileName) && fileName.startsWith(COMPACTED_PREFIX);
  }

  /**
   * The files to read out of one listing: {@code files} without those a compacted file among them
   * names as its input. A compacted file that is itself superseded still removes its own inputs
   * (its rows live on in the file that superseded it).
   *
   * @param files complete files, of any partitions, as listed
   * @param compactedFrom reads a compacted file's input names (its footer's {@value
   *     #COMPACTED_FROM_KEY}); asked only for files {@link #isCompacted}
   */
  public static List<Path> readable(
      Collection<Path> files, Function<Path, ? extends Collection<String>> compactedFrom) {
    Set<Path> superseded = superseded(files, compactedFrom);
    if (superseded.isEmpty()) {
      return List.copyOf(files);
    }
    List<Path> out = new ArrayList<>(files.size());
    for (Path file : files) {
      if (!superseded.contains(file)) {
        out.add(file);
      }
    }
    return out;
  }

  /** The files of {@code files} that a compacted file among them names as an input. */
  public static Set<Path> superseded(
      Collection<Path> files, Function<Path, ? extends Collection<String>> compactedFrom) {
    Set<Path> superseded = new HashSet<>();
    for (Path file : files) {
      if (isCompacted(file.getFileName().toString())) {
        for (String input : compactedFrom.apply(file)) {
          superseded.add(file.resolveSibling(input));
        }
      }
    }
    return superseded;
  }

  /** The footer value naming a compacted file's inputs (file names in the same folder). */
  public static String compactedFromValue(Collection<String> inputNames) {
    ArrayNode names = JsonNodeFactory.instance.arrayNode();
    for (String name : inputNames) {
      if (!isComplete(name) || name.contains("/") || name.contains("\\")) {
        throw new IllegalArgumentException("not a lake file name: " + name);
      }
      names.add(name);
    }
    return JSON.writeValueAsString(names);
  }

  /** Reads what {@link #compactedFromValue} wrote; a missing value (null) names nothing. */
  public static List<String> parseCompactedFrom(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    JsonNode names = JSON.readTree(value);
    if (!names.isArray()) {
      throw new IllegalArgumentException(COMPACTED_FROM_KEY + " is not a JSON array: " + value);
    }
    List<String> out = new ArrayList<>(names.size());
    for (JsonNode name : names) {
      String text = name.asString();
      if (!isComplete(text) || text.contains("/") || text.contains("\\")) {
        throw new IllegalArgumentException(COMPACTED_FROM_KEY + " names a non-lake file: " + text);
      }
      out.add(text);
    }
    return out;
  }
}
