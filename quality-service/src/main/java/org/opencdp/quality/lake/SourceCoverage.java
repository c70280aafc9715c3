package org.opencdp.quality.lake;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Which source records some rows came from: per topic partition, the offsets. Each lake file keeps
 * its own in its Parquet footer (key {@value #METADATA_KEY}); the union over all files says what
 * the lake already holds. Not thread-safe.
 */
public final class SourceCoverage {

  /** The Parquet key-value metadata key under which a file records its coverage. */
  public static final String METADATA_KEY = "opencdp.source-offsets";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<SourcePartition, OffsetRanges> partitions = new TreeMap<>();

  public void add(SourcePartition partition, long offset) {
    partitions.computeIfAbsent(partition, p -> new OffsetRanges()).add(offset);
  }

  public void addAll(SourceCoverage other) {
    other.partitions.forEach(
        (partition, ranges) ->
            partitions.computeIfAbsent(partition, p -> new OffsetRanges()).addAll(ranges));
  }

  /** The offsets held for {@code partition}; empty when none. */
  public OffsetRanges of(SourcePartition partition) {
    return partitions.getOrDefault(partition, new OffsetRanges());
  }

  public Map<SourcePartition, OffsetRanges> partitions() {
    return Collections.unmodifiableMap(partitions);
  }

  public boolean isEmpty() {
    return partitions.isEmpty();
  }

  /**
   * Compact JSON: {@code [{"topic":"cdp.raw.events","partition":0,"ranges":[[0,99],[120,130]]}]},
   * ranges inclusive.
   */
  public String toJson() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    partitions.forEach(
        (partition, offsets) -> {
          ArrayNode ranges = JsonNodeFactory.instance.arrayNode();
          offsets.ranges().forEach(r -> ranges.addArray().add(r[0]).add(r[1]));
          out.addObject()
              .put("topic", partition.topic())
              .put("partition", partition.partition())
              .set("ranges", ranges);
        });
    return JSON.writeValueAsString(out);
  }

  /** Reads what {@link #toJson()} wrote. */
  public static SourceCoverage fromJson(String json) {
    SourceCoverage coverage = new SourceCoverage();
    for (JsonNode entry : JSON.readTree(json)) {
      SourcePartition partition =
          new SourcePartition(
              entry.required("topic").stringValue(), entry.required("partition").intValue());
      OffsetRanges ranges = coverage.partitions.computeIfAbsent(partition, p -> new OffsetRanges());
      for (JsonNode range : entry.required("ranges")) {
        ranges.add(range.get(0).longValue(), range.get(1).longValue());
      }
    }
    return coverage;
  }

  @Override
  public String toString() {
    return partitions.toString();
  }
}
