package org.opencdp.quality.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.opencdp.event.lake.LakeFiles;
import org.opencdp.event.lake.LakeTable;

/** The lake as it is on disk: its complete files, what they record, and leftovers of a crash. */
public final class Lake {

  /**
   * The tenant folder of refused records that name no valid tenant: outside the tenant id syntax,
   * so no real tenant can ever be given it.
   */
  public static final String UNKNOWN_TENANT = "_unknown";

  private static final int LISTING_ATTEMPTS = 5;

  private final Path root;

  public Lake(LakeProperties properties) {
    this.root = properties.root().toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * The files of {@code table} a reader reads, in path order: every complete file less those a
   * listed compacted file supersedes (the lake protocol, {@link LakeFiles#readable}).
   */
  public List<Path> files(LakeTable table) {
    Path folder = root.resolve(table.folder());
    return readable(() -> walkComplete(folder));
  }

  /** The files of one partition of {@code table} a reader reads, oldest first. */
  public List<Path> files(LakeTable table, String tenantId, LocalDate date) {
    return readable(() -> listComplete(partition(table, tenantId, date)));
  }

  /** The folder of one partition of {@code table}, whether or not it exists. */
  public Path partition(LakeTable table, String tenantId, LocalDate date) {
    return root.resolve(table.partitionPath(LakeNames.checkedTenant(tenantId), date));
  }

  /** Every partition folder of {@code table} that exists, in path order. */
  public List<Path> partitions(LakeTable table) {
    Path folder = root.resolve(table.folder());
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    int depth = table.partitionKeys().size();
    try (Stream<Path> walk = Files.walk(folder, depth)) {
      return walk.filter(p -> folder.relativize(p).getNameCount() == depth)
          .filter(p -> !p.equals(folder))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder, e);
    }
  }

  /**
   * Every complete file directly in {@code folder}, superseded or not, in name order: what a
   * listing shows before the protocol is applied. The names come from one read of the folder; an
   * entry removed between that read and its own check stays listed (a reader then finds it gone and
   * lists again), since dropping it could hide a compaction's inputs, deleted after the read,
   * together with its output, renamed into place after the read.
   */
  public static List<Path> listComplete(Path folder) {
    return listComplete(folder, () -> {});
  }

  /** {@link #listComplete(Path)}, running {@code afterRead} between the read and the checks. */
  static List<Path> listComplete(Path folder, Runnable afterRead) {
    List<Path> named = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (LakeNames.isComplete(entry.getFileName().toString())) {
          named.add(entry);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder, e);
    }
    afterRead.run();
    return named.stream().filter(Lake::notAFolder).sorted().toList();
  }

  // a folder with a file's name is no file; an entry gone since the listing still counts as one
  private static boolean notAFolder(Path entry) {
    return !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
  }

  private static List<Path> walkComplete(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> LakeNames.isComplete(p.getFileName().toString()))
          .filter(Lake::notAFolder)
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      IOException cause = asIo(e);
      throw new UncheckedIOException("could not list " + folder + ": " + cause, cause);
    }
  }

  /**
   * Applies the protocol to a listing. A compacted file listed a moment ago may be gone when its
   * footer is read (a later compaction superseded and removed it): the folder is then listed again.
   */
  private static List<Path> readable(java.util.function.Supplier<List<Path>> listing) {
    return listingAgainIfGone(() -> LakeFiles.readable(listing.get(), Lake::compactedFrom));
  }

  /** Runs {@code work} on a listing, and on a new one if a file it listed was gone meanwhile. */
  private static <T> T listingAgainIfGone(java.util.function.Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof NoSuchFileException) || attempt >= LISTING_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The input names a compacted file's footer lists; none for any other file. */
  public static List<String> compactedFrom(Path file) {
    if (!LakeFiles.isCompacted(file.getFileName().toString())) {
      return List.of();
    }
    Map<String, String> metadata;
    try {
      metadata = Footers.keyValueMetadata(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the footer of " + file, e);
    }
    return LakeFiles.parseCompactedFrom(metadata.get(LakeFiles.COMPACTED_FROM_KEY));
  }

  private static IOException asIo(Exception e) {
    if (e instanceof IOException io) {
      return io;
    }
    if (e instanceof UncheckedIOException u) {
      return u.getCause();
    }
    return new IOException(e);
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
   * The source records {@code table} already holds: the union of the recorded coverage of every
   * file a reader reads (a compacted file records the union of its inputs'). A visible file is
   * always complete (it was renamed into place after fsync), so one whose footer cannot be read is
   * an error, not something to skip.
   */
  public SourceCoverage recordedCoverage(LakeTable... tables) {
    for (int attempt = 1; ; attempt++) {
      try {
        SourceCoverage coverage = new SourceCoverage();
        for (Path file : Stream.of(tables).flatMap(t -> files(t).stream()).toList()) {
          String recorded = metadata(file).get(SourceCoverage.METADATA_KEY);
          if (recorded != null) {
            coverage.addAll(SourceCoverage.fromJson(recorded));
          }
        }
        return coverage;
      } catch (UncheckedIOException e) {
        // a listed file was compacted away meanwhile: its rows are in a file the next listing shows
        if (!(e.getCause() instanceof NoSuchFileException) || attempt >= LISTING_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * How long a file in progress (hidden) may go unmodified before it counts as left by a writer
   * that died: a writer renames its file into place within seconds of creating it, and another
   * replica may be writing one right now.
   */
  public static final Duration UNFINISHED_AFTER = Duration.ofMinutes(10);

  /**
   * Deletes what a crash left behind, for a lake no other process is writing: every file
   * half-written (hidden, in progress: the intake's and compaction's), and the inputs of a
   * compaction that was renamed into place but whose inputs were not yet all removed (the compacted
   * file holds their rows). Returns what it deleted.
   */
  public List<Path> discardUnfinished() {
    return discardUnfinished(Instant.MAX);
  }

  /**
   * As {@link #discardUnfinished()}, but a file in progress goes only when it was last modified
   * before {@code modifiedBefore}: what a starting replica may do while another one writes.
   */
  public List<Path> discardUnfinished(Instant modifiedBefore) {
    List<Path> deleted = new ArrayList<>(discardInProgress(modifiedBefore));
    for (LakeTable table : LakeTable.values()) {
      for (Path partition : partitions(table)) {
        deleted.addAll(discardSuperseded(partition));
      }
    }
    return deleted;
  }

  /**
   * Deletes the hidden files in progress last modified before {@code modifiedBefore}. Writers may
   * be renaming files meanwhile (this process's own, another replica's): an entry gone between the
   * directory read and its visit is passed over.
   */
  public List<Path> discardInProgress(Instant modifiedBefore) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> deleted = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              if (LakeNames.isInProgress(file.getFileName().toString())
                  && attributes.lastModifiedTime().toInstant().isBefore(modifiedBefore)
                  && Files.deleteIfExists(file)) {
                deleted.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // renamed into place or removed meanwhile
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("could not clean unfinished files under " + root, e);
    }
    return deleted;
  }

  /**
   * Deletes the files of one partition folder that a compacted file there supersedes, then makes
   * the deletes durable; returns what it deleted. Safe at any time: a superseded file's rows are in
   * the compacted file, and readers following the protocol skip it already.
   */
  public static List<Path> discardSuperseded(Path partition) {
    // a listed compacted file may be superseded and removed before its footer is read
    return listingAgainIfGone(() -> discardSupersededOnce(partition));
  }

  private static List<Path> discardSupersededOnce(Path partition) {
    List<Path> listed = listComplete(partition);
    List<Path> superseded =
        LakeFiles.superseded(listed, Lake::compactedFrom).stream()
            .filter(listed::contains)
            .sorted()
            .toList();
    if (superseded.isEmpty()) {
      return List.of();
    }
    List<Path> deleted = new ArrayList<>();
    try {
      for (Path file : superseded) {
        if (Files.deleteIfExists(file)) {
          deleted.add(file);
        }
      }
      LakeWriter.fsync(partition);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove compacted inputs in " + partition, e);
    }
    return deleted;
  }
}
