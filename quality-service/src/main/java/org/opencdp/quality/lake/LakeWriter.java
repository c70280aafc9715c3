package org.opencdp.quality.lake;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.opencdp.event.lake.EventRow;
import org.opencdp.event.lake.LakeTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one Parquet file per call into a partition of the lake so that a reader never sees it
 * half-written: to a hidden name first, fsync, atomic rename, fsync of the folder. Thread-safe.
 */
public final class LakeWriter {

  /** Metadata key naming the table a file belongs to. */
  public static final String TABLE_KEY = "opencdp.table";

  /** Metadata key holding the file's row count as text. */
  public static final String ROWS_KEY = "opencdp.rows";

  /** Metadata key holding when the file was written, ISO-8601. */
  public static final String WRITTEN_AT_KEY = "opencdp.written-at";

  private static final Comparator<EventRow> BY_TS =
      Comparator.comparing(EventRow::ts, Comparator.nullsLast(Comparator.naturalOrder()));

  /** Metadata key of a compacted file: when compaction wrote it, ISO-8601. */
  public static final String COMPACTED_AT_KEY = "opencdp.compacted-at";

  private static final Logger log = LoggerFactory.getLogger(LakeWriter.class);

  /** Columns (of either table) whose values are nearly all distinct within a file. */
  private static final List<String> MOSTLY_DISTINCT =
      List.of("message_id", "anonymous_id", "properties", "traits", "context", "id", "payload");

  /**
   * Columns of JSON text: their min/max statistics would compare whole documents byte by byte on
   * every value and prune no query, so they are not kept.
   */
  private static final List<String> JSON_TEXT =
      List.of("properties", "traits", "context", "payload");

  private final Path root;
  private final long rowGroupSize;
  private final Clock clock;
  private final LakeListener listener;

  public LakeWriter(LakeProperties properties, Clock clock) {
    this(properties, clock, LakeListener.NONE);
  }

  /** A writer that tells {@code listener} of every file once it is durable. */
  public LakeWriter(LakeProperties properties, Clock clock, LakeListener listener) {
    this.root = properties.root().toAbsolutePath().normalize();
    this.rowGroupSize = properties.rowGroupSize().toBytes();
    this.clock = clock;
    this.listener = listener;
  }

  Clock clock() {
    return clock;
  }

  LakeListener listener() {
    return listener;
  }

  public Path root() {
    return root;
  }

  /**
   * Writes {@code rows}, sorted by {@code ts}, as one file of {@code events/tenant_id=<tenant>/
   * event_date=<date>/}, recording {@code coverage} in its footer; returns once the file is durable
   * and visible.
   */
  public LakeFile writeEvents(
      String tenantId, LocalDate date, List<EventRow> rows, SourceCoverage coverage) {
    List<EventRow> sorted = new ArrayList<>(rows);
    sorted.sort(BY_TS);
    return write(LakeTable.EVENTS, tenantId, date, sorted, EventColumns::value, coverage);
  }

  /**
   * Writes refused records as one file of {@code quarantine/tenant_id=<tenant>/
   * received_date=<date>/}, in the order given, recording {@code coverage} in its footer.
   */
  public LakeFile writeQuarantine(
      String tenantId, LocalDate date, List<QuarantineRow> rows, SourceCoverage coverage) {
    return write(LakeTable.QUARANTINE, tenantId, date, rows, QuarantineRow::value, coverage);
  }

  <T> LakeFile write(
      LakeTable table,
      String tenantId,
      LocalDate date,
      List<T> rows,
      BiFunction<T, String, Object> values,
      SourceCoverage coverage) {
    Path folder = root.resolve(table.partitionPath(LakeNames.checkedTenant(tenantId), date));
    String name = LakeNames.newFileName(clock.instant(), UUID.randomUUID());
    Path hidden = folder.resolve(LakeNames.inProgress(name));
    Path visible = folder.resolve(name);
    try {
      List<Path> created = createFolders(folder);
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(TABLE_KEY, table.folder());
      metadata.put(ROWS_KEY, Long.toString(rows.size()));
      metadata.put(WRITTEN_AT_KEY, clock.instant().toString());
      metadata.put(SourceCoverage.METADATA_KEY, coverage.toJson());
      try (ParquetWriter<T> writer = open(hidden, new RowWriteSupport<>(table, values, metadata))) {
        for (T row : rows) {
          writer.write(row);
        }
      }
      fsync(hidden);
      Files.move(hidden, visible, StandardCopyOption.ATOMIC_MOVE);
      fsync(folder);
      for (Path parent : created) {
        fsync(parent.getParent());
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(hidden);
      throw new LakeWriteFailed(visible, e);
    }
    LakeFile file = new LakeFile(visible, rows.size(), coverage);
    String partition = root.relativize(folder).toString();
    tell(() -> listener.written(table, partition, file));
    return file;
  }

  /** Runs a listener call; what it throws never reaches the writer's caller. */
  static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("A lake listener failed: {}", e.toString());
    }
  }

  /**
   * A Parquet writer to {@code hidden} with the lake's settings, for intake files and compacted
   * ones alike: snappy, min/max statistics except on JSON text, no size statistics (no reader here
   * uses them), dictionary encoding except on columns whose values are nearly all distinct (there a
   * dictionary is built, then abandoned for plain encoding: wasted work).
   */
  <T> ParquetWriter<T> open(Path hidden, RowWriteSupport<T> rows) throws IOException {
    RowsWriterBuilder<T> builder =
        new RowsWriterBuilder<>(new LocalOutputFile(hidden), rows)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(SnappyCodecs.INSTANCE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.CREATE)
            .withRowGroupSize(rowGroupSize)
            .withDictionaryEncoding(true)
            .withStatisticsEnabled(true);
    for (String column : MOSTLY_DISTINCT) {
      builder = builder.withDictionaryEncoding(column, false);
    }
    for (String column : JSON_TEXT) {
      builder = builder.withStatisticsEnabled(column, false);
    }
    return builder.withSizeStatisticsEnabled(false).build();
  }

  /** Folders created now: their entries in their parents must be made durable too. */
  private List<Path> createFolders(Path folder) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = folder; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.add(p);
    }
    Files.createDirectories(folder);
    return missing;
  }

  static void fsync(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // what is left behind is hidden, and removed at the next start
    }
  }

  /** A lake file could not be written; nothing of it is visible. */
  public static final class LakeWriteFailed extends RuntimeException {
    LakeWriteFailed(Path file, Exception cause) {
      super("could not write lake file " + file + ": " + cause.getMessage(), cause);
    }
  }
}
