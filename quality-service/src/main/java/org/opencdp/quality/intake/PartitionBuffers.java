package org.opencdp.quality.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.opencdp.event.lake.EventRow;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.lake.QuarantineRow;
import org.opencdp.quality.lake.SourceCoverage;
import org.opencdp.quality.lake.SourcePartition;

/**
 * Accepted rows waiting to be written, one buffer per lake partition (tenant, date), each knowing
 * its size, its age and which source offsets it holds. Used by the intake thread only.
 */
final class PartitionBuffers {

  record Key(LakeTable table, String tenantId, LocalDate date) {}

  /** The rows of one future file. */
  static final class Buffer {
    final Key key;
    final long openedAtNanos;
    final List<Object> rows = new ArrayList<>();
    final SourceCoverage coverage = new SourceCoverage();
    final Map<SourcePartition, Long> lowestOffset = new HashMap<>();
    long bytes;

    Buffer(Key key, long openedAtNanos) {
      this.key = key;
      this.openedAtNanos = openedAtNanos;
    }
  }

  private final Map<Key, Buffer> buffers = new LinkedHashMap<>();
  private int rows;

  void add(EventRow row, SourcePartition source, long offset, long bytes, long nowNanos) {
    Key key = new Key(LakeTable.EVENTS, row.tenantId(), row.eventDate());
    add(buffers.computeIfAbsent(key, k -> new Buffer(k, nowNanos)), row, source, offset, bytes);
  }

  void add(QuarantineRow row, SourcePartition source, long offset, long bytes, long nowNanos) {
    Key key = new Key(LakeTable.QUARANTINE, row.tenantId(), row.receivedDate());
    add(buffers.computeIfAbsent(key, k -> new Buffer(k, nowNanos)), row, source, offset, bytes);
  }

  private void add(Buffer buffer, Object row, SourcePartition source, long offset, long bytes) {
    buffer.rows.add(row);
    buffer.coverage.add(source, offset);
    buffer.lowestOffset.merge(source, offset, Math::min);
    buffer.bytes += bytes;
    rows++;
  }

  int rows() {
    return rows;
  }

  boolean isEmpty() {
    return buffers.isEmpty();
  }

  /** Whether the oldest buffer has waited {@code maxAgeNanos}. */
  boolean anyOlderThan(long maxAgeNanos, long nowNanos) {
    return buffers.values().stream().anyMatch(b -> nowNanos - b.openedAtNanos >= maxAgeNanos);
  }

  /** Removes and returns the buffers that reached {@code targetBytes}. */
  List<Buffer> takeFull(long targetBytes) {
    List<Buffer> full = new ArrayList<>();
    for (Iterator<Buffer> it = buffers.values().iterator(); it.hasNext(); ) {
      Buffer buffer = it.next();
      if (buffer.bytes >= targetBytes) {
        full.add(buffer);
        it.remove();
        rows -= buffer.rows.size();
      }
    }
    return full;
  }

  /** Removes and returns every buffer. */
  List<Buffer> takeAll() {
    List<Buffer> all = new ArrayList<>(buffers.values());
    buffers.clear();
    rows = 0;
    return all;
  }

  /** The lowest offset of {@code source} still only in memory, if any. */
  OptionalLong lowestUnwritten(SourcePartition source) {
    return buffers.values().stream()
        .map(b -> b.lowestOffset.get(source))
        .filter(o -> o != null)
        .mapToLong(Long::longValue)
        .min();
  }

  void clear() {
    buffers.clear();
    rows = 0;
  }
}
