package org.opencdp.quality.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.opencdp.event.lake.LakeTable;

/** The lake as it is on disk: its complete files, what they record, and leftovers of a crash. */
public final class Lake {

  /**
   * The tenant folder of refused records that name no valid tenant: outside the tenant id syntax,
   * so no real tenant can ever be given it.
   */
  public static final String UNKNOWN_TENANT = "_unknown";

  private final Path root;

  public Lake(LakeProperties properties) {
    this.root = properties.root().toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Every complete (visible) file of {@code table}, in path order. */
  public List<Path> files(LakeTable table) {
    Path folder = root.resolve(table.folder());
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> LakeNames.isComplete(p.getFileName().toString()))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder, e);
    }
  }

  /** The complete files of one partition of {@code table}, oldest first. */
  public List<Path> files(LakeTable table, String tenantId, LocalDate date) {
    Path folder = root.resolve(table.partitionPath(LakeNames.checkedTenant(tenantId), date));
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> LakeNames.isComplete(p.getFileName().toString()))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder, e);
    }
  }

  /** The key-value metadata of one file's footer. */
  public static Map<String, String> metadata(Path file) {
    try {
      return Footers.keyValueMetadata(file);
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(
          "could not read the footer of " + file,
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * The source records {@code table} already holds: the union of every complete file's recorded
   * coverage. A visible file is always complete (it was renamed into place after fsync), so one
   * whose footer cannot be read is an error, not something to skip.
   */
  public SourceCoverage recordedCoverage(LakeTable... tables) {
    SourceCoverage coverage = new SourceCoverage();
    for (Path file : Stream.of(tables).flatMap(t -> files(t).stream()).toList()) {
      String recorded = metadata(file).get(SourceCoverage.METADATA_KEY);
      if (recorded != null) {
        coverage.addAll(SourceCoverage.fromJson(recorded));
      }
    }
    return coverage;
  }

  /** Deletes files a crash left half-written (hidden, in progress); returns what it deleted. */
  public List<Path> discardUnfinished() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> deleted = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(p -> LakeNames.isInProgress(p.getFileName().toString())).toList()) {
        Files.deleteIfExists(p);
        deleted.add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not clean unfinished files under " + root, e);
    }
    return deleted;
  }
}
