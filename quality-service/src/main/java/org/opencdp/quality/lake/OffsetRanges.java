package org.opencdp.quality.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of offsets of one source partition, kept as disjoint inclusive ranges: which records a
 * file, or the whole lake, already holds. Not thread-safe.
 */
public final class OffsetRanges {

  private final TreeMap<Long, Long> ranges = new TreeMap<>(); // first -> last, inclusive

  /**
   * The range added last, not yet in {@link #ranges}: a file's offsets mostly arrive one after the
   * other, and extending it costs no boxing and no tree operation per record.
   */
  private boolean open;

  private long openFirst;
  private long openLast;

  /** Adds one offset, merging it with the ranges it touches. */
  public void add(long offset) {
    add(offset, offset);
  }

  /** Adds {@code first..last} inclusive. */
  public void add(long first, long last) {
    if (last < first) {
      throw new IllegalArgumentException("empty range " + first + ".." + last);
    }
    if (open && first == openLast + 1) {
      openLast = last;
      return;
    }
    settle();
    open = true;
    openFirst = first;
    openLast = last;
  }

  /** Moves the open range into the tree; every reader calls it first. */
  private void settle() {
    if (open) {
      open = false;
      merge(openFirst, openLast);
    }
  }

  private void merge(long first, long last) {
    long from = first;
    long to = last;
    Map.Entry<Long, Long> before = ranges.floorEntry(first);
    if (before != null && before.getValue() >= first - 1) {
      from = before.getKey();
      to = Math.max(to, before.getValue());
    }
    Map.Entry<Long, Long> next = ranges.ceilingEntry(from);
    while (next != null && next.getKey() <= to + 1) {
      to = Math.max(to, next.getValue());
      ranges.remove(next.getKey());
      next = ranges.ceilingEntry(from);
    }
    ranges.put(from, to);
  }

  public void addAll(OffsetRanges other) {
    other.settle();
    other.ranges.forEach(this::add);
  }

  public boolean contains(long offset) {
    settle();
    Map.Entry<Long, Long> range = ranges.floorEntry(offset);
    return range != null && range.getValue() >= offset;
  }

  /** The first offset at or after {@code offset} that is not in the set. */
  public long firstMissingFrom(long offset) {
    settle();
    Map.Entry<Long, Long> range = ranges.floorEntry(offset);
    return range != null && range.getValue() >= offset ? range.getValue() + 1 : offset;
  }

  public boolean isEmpty() {
    settle();
    return ranges.isEmpty();
  }

  /** The ranges in order, each as {@code [first, last]}. */
  public List<long[]> ranges() {
    settle();
    List<long[]> out = new ArrayList<>(ranges.size());
    ranges.forEach((first, last) -> out.add(new long[] {first, last}));
    return out;
  }

  /** How many offsets the set holds. */
  public long count() {
    settle();
    long n = 0;
    for (Map.Entry<Long, Long> range : ranges.entrySet()) {
      n += range.getValue() - range.getKey() + 1;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OffsetRanges other)) {
      return false;
    }
    settle();
    other.settle();
    return ranges.equals(other.ranges);
  }

  @Override
  public int hashCode() {
    settle();
    return ranges.hashCode();
  }

  @Override
  public String toString() {
    settle();
    StringBuilder s = new StringBuilder("[");
    ranges.forEach(
        (first, last) ->
            s.append(s.length() > 1 ? ", " : "")
                .append(first)
                .append(first.equals(last) ? "" : ".." + last));
    return s.append(']').toString();
  }
}
