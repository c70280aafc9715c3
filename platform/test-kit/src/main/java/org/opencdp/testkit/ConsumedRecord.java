package org.opencdp.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A record read back from a topic by a test; {@code value} is null for a tombstone. */
public record ConsumedRecord(
    String topic,
    int partition,
    long offset,
    String key,
    byte[] value,
    Map<String, String> headers) {

  public ConsumedRecord {
    // LinkedHashMap rather than Map.copyOf: header order is kept and an empty value is allowed
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The value as UTF-8 text, or null for a tombstone. */
  public String valueAsString() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  // equals, hashCode and toString compare and show the value's content, not the array's identity,
  // so assertions like containsExactly(...) and their failure messages mean something

  @Override
  public boolean equals(Object other) {
    return other instanceof ConsumedRecord that
        && partition == that.partition
        && offset == that.offset
        && topic.equals(that.topic)
        && Objects.equals(key, that.key)
        && Arrays.equals(value, that.value)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset, key, Arrays.hashCode(value), headers);
  }

  @Override
  public String toString() {
    return "ConsumedRecord[%s-%d@%d key=%s value=%s headers=%s]"
        .formatted(topic, partition, offset, key, valueAsString(), headers);
  }
}
