package org.opencdp.quality.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import org.apache.parquet.PlainReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.opencdp.event.lake.LakeColumn;
import org.opencdp.event.lake.LakeFiles;
import org.opencdp.event.lake.LakeTable;

/**
 * Merges files of one partition into one compacted file (ARCHITECTURE §6): the inputs' rows in
 * {@code ts} order (each input is sorted already, so a streaming k-way merge holding one row group
 * per input), the same schema, snappy pages and row-group statistics as {@link LakeWriter}. The
 * footer records the table, rows, the newest input's written-at, when compaction wrote it, the
 * union of the inputs' source coverage, the input names ({@link LakeFiles#COMPACTED_FROM_KEY}) and
 * each input's rows and written-at ({@link CompactedInput#METADATA_KEY}).
 *
 * <p>{@link #prepare} writes it under a hidden name and fsyncs it; {@link Prepared#commit} renames
 * it into place (the one step that makes the change visible) and fsyncs the folder; {@link
 * Prepared#removeInputs} then deletes the inputs. A crash before the rename leaves a hidden file
 * that the next start deletes; after it, inputs the compacted file supersedes, which readers skip
 * and the next start deletes ({@link Lake#discardUnfinished}).
 */
public final class LakeMerge {

  private LakeMerge() {}

  /**
   * Writes the merge of {@code inputs} (files of the partition folder {@code folder} of {@code
   * table}) under a hidden name; nothing is visible yet.
   *
   * @throws Unmergeable when an input has another schema or rows not sorted by {@code ts}
   */
  public static Prepared prepare(
      LakeWriter writer, LakeTable table, Path folder, List<Path> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Instant now = writer.clock().instant();
    String name = LakeNames.newCompactedName(now, UUID.randomUUID());
    Path hidden = folder.resolve(LakeNames.inProgress(name));
    Path visible = folder.resolve(name);
    MessageType schema = ParquetSchemas.of(table);
    List<LakeColumn> columns = table.fileColumns();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i).name(), i);
    }
    int ts = index.getOrDefault("ts", -1);
    List<Cursor> cursors = new ArrayList<>();
    try {
      SourceCoverage coverage = new SourceCoverage();
      List<CompactedInput> described = new ArrayList<>();
      Instant newest = null;
      long rows = 0;
      for (Path input : inputs) {
        Cursor cursor = new Cursor(input, cursors.size(), schema, ts);
        cursors.add(cursor);
        Map<String, String> kv = cursor.reader.getFooter().getFileMetaData().getKeyValueMetaData();
        String recorded = kv.get(SourceCoverage.METADATA_KEY);
        if (recorded != null) {
          coverage.addAll(SourceCoverage.fromJson(recorded));
        }
        String writtenAt = kv.get(LakeWriter.WRITTEN_AT_KEY);
        if (writtenAt != null) {
          Instant at = Instant.parse(writtenAt);
          newest = newest == null || at.isAfter(newest) ? at : newest;
        }
        long count = cursor.reader.getRecordCount();
        rows += count;
        described.add(new CompactedInput(input.getFileName().toString(), count, writtenAt));
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(LakeWriter.TABLE_KEY, table.folder());
      metadata.put(LakeWriter.ROWS_KEY, Long.toString(rows));
      metadata.put(LakeWriter.WRITTEN_AT_KEY, (newest == null ? now : newest).toString());
      metadata.put(LakeWriter.COMPACTED_AT_KEY, now.toString());
      metadata.put(SourceCoverage.METADATA_KEY, coverage.toJson());
      metadata.put(
          LakeFiles.COMPACTED_FROM_KEY,
          LakeFiles.compactedFromValue(described.stream().map(CompactedInput::name).toList()));
      metadata.put(CompactedInput.METADATA_KEY, CompactedInput.toJson(described));
      long written = 0;
      try (ParquetWriter<Object[]> out =
          writer.open(
              hidden,
              new RowWriteSupport<Object[]>(
                  table, (row, column) -> row[index.get(column)], metadata))) {
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Cursor.ORDER);
        for (Cursor cursor : cursors) {
          if (cursor.advance()) {
            heads.add(cursor);
          }
        }
        while (!heads.isEmpty()) {
          Cursor next = heads.poll();
          out.write(next.head);
          written++;
          if (next.advance()) {
            heads.add(next);
          }
        }
      }
      if (written != rows) {
        throw new IOException("merged " + written + " rows, the inputs' footers say " + rows);
      }
      LakeWriter.fsync(hidden);
      return new Prepared(
          folder, hidden, visible, new LakeFile(visible, rows, coverage), inputs, described);
    } catch (IOException | RuntimeException e) {
      LakeWriter.deleteQuietly(hidden);
      if (e instanceof Unmergeable u) {
        throw u;
      }
      throw new UncheckedIOException(
          "could not merge into " + visible + ": " + e,
          e instanceof IOException io ? io : new IOException(e));
    } finally {
      cursors.forEach(Cursor::close);
    }
  }

  /** A merged file under its hidden name: {@link #commit} makes it the partition's. */
  public static final class Prepared implements AutoCloseable {
    private final Path folder;
    private final Path hidden;
    private final Path visible;
    private final LakeFile file;
    private final List<Path> inputs;
    private final List<CompactedInput> described;
    private boolean committed;

    Prepared(
        Path folder,
        Path hidden,
        Path visible,
        LakeFile file,
        List<Path> inputs,
        List<CompactedInput> described) {
      this.folder = folder;
      this.hidden = hidden;
      this.visible = visible;
      this.file = file;
      this.inputs = List.copyOf(inputs);
      this.described = List.copyOf(described);
    }

    /** The file as it will be once committed. */
    public LakeFile file() {
      return file;
    }

    public List<CompactedInput> inputs() {
      return described;
    }

    /** The one atomic rename into place, then an fsync of the folder. */
    public void commit() {
      try {
        Files.move(hidden, visible, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        LakeWriter.fsync(folder);
      } catch (IOException e) {
        throw new UncheckedIOException("could not rename " + hidden + " into place", e);
      }
    }

    /** After {@link #commit}: deletes the inputs it supersedes, then fsyncs the folder. */
    public void removeInputs() {
      if (!committed) {
        throw new IllegalStateException("inputs are removed only once the merged file is visible");
      }
      try {
        for (Path input : inputs) {
          Files.deleteIfExists(input);
        }
        LakeWriter.fsync(folder);
      } catch (IOException e) {
        throw new UncheckedIOException("could not remove the inputs of " + visible, e);
      }
    }

    /** Deletes the hidden file unless it was committed. */
    @Override
    public void close() {
      if (!committed) {
        LakeWriter.deleteQuietly(hidden);
      }
    }
  }

  /** An input that cannot be merged: another schema, or rows not in {@code ts} order. */
  public static final class Unmergeable extends RuntimeException {
    private final Path file;

    Unmergeable(Path file, String why) {
      super(file + " cannot be compacted: " + why);
      this.file = file;
    }

    public Path file() {
      return file;
    }
  }

  /** One input read row by row, a row group at a time, checking that {@code ts} never falls. */
  private static final class Cursor implements AutoCloseable {
    static final Comparator<Cursor> ORDER =
        Comparator.comparing(
                (Cursor c) -> c.headTs, Comparator.nullsLast(Comparator.<Long>naturalOrder()))
            .thenComparingInt(c -> c.order);

    final Path file;
    final int order;
    final ParquetFileReader reader;
    final MessageType schema;
    final int ts;
    RecordReader<Group> records;
    long left;
    Object[] head;
    Long headTs;
    boolean started;

    Cursor(Path file, int order, MessageType expected, int ts) throws IOException {
      this.file = file;
      this.order = order;
      this.ts = ts;
      this.reader =
          ParquetFileReader.open(
              new LocalInputFile(file), PlainReadOptions.of(SnappyCodecs.INSTANCE));
      this.schema = reader.getFooter().getFileMetaData().getSchema();
      if (!schema.equals(expected)) {
        reader.close();
        throw new Unmergeable(file, "its schema is not the table's current one");
      }
    }

    boolean advance() throws IOException {
      while (left == 0) {
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
          head = null;
          return false;
        }
        records =
            new ColumnIOFactory()
                .getColumnIO(schema)
                .getRecordReader(pages, new GroupRecordConverter(schema));
        left = pages.getRowCount();
      }
      Object[] row = values(records.read());
      left--;
      Long rowTs = ts < 0 ? null : (Long) row[ts];
      if (started && !inOrder(headTs, rowTs)) {
        throw new Unmergeable(file, "its rows are not sorted by ts");
      }
      started = true;
      head = row;
      headTs = rowTs;
      return true;
    }

    private static boolean inOrder(Long before, Long next) {
      if (before == null) {
        return next == null;
      }
      return next == null || next >= before;
    }

    private Object[] values(Group group) {
      Object[] row = new Object[schema.getFieldCount()];
      for (int i = 0; i < row.length; i++) {
        if (group.getFieldRepetitionCount(i) == 0) {
          continue;
        }
        row[i] =
            switch (schema.getType(i).asPrimitiveType().getPrimitiveTypeName()) {
              case INT64 -> group.getLong(i, 0);
              case INT32 -> group.getInteger(i, 0);
              case DOUBLE -> group.getDouble(i, 0);
              case BINARY -> group.getBinary(i, 0).getBytes();
              default ->
                  throw new Unmergeable(
                      file, "column " + schema.getType(i) + " is not a lake type");
            };
      }
      return row;
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        // read-only: nothing to lose
      }
    }
  }
}
