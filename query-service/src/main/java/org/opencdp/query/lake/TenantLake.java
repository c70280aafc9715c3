package org.opencdp.query.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.opencdp.event.lake.LakeFiles;
import org.springframework.stereotype.Component;

/**
 * The lake as query-service reads it: the tenant folders of each logical table and their current
 * {@link LakeVersion}. Hidden files (a leading dot or underscore, as quality-service names files
 * being written) are not part of the lake, and the inputs of a compacted file still listed beside
 * it are not read (ARCHITECTURE §6, {@link LakeFiles#readable}).
 */
@Component
public class TenantLake {

  private static final int DEPTH = 2; // <date key>=<day>/<file>

  /** Listings of one version at most: a compacted file deleted while listed asks for another. */
  private static final int LISTINGS = 3;

  private final Path root;
  private final LogicalTables tables;
  private final CompactedFooters footers;
  private final Map<String, Listed> recent = new ConcurrentHashMap<>();

  public TenantLake(LakeProperties properties, LogicalTables tables, CompactedFooters footers) {
    this.root = properties.root();
    this.tables = tables;
    this.footers = footers;
  }

  public Path root() {
    return root;
  }

  public List<LogicalTable> tables() {
    return tables.all();
  }

  /** The tenant's lake version, from one listing of its folders (and new compacted footers). */
  public LakeVersion version(String tenantId) {
    for (int attempt = 1; ; attempt++) {
      Listing listing = list(tenantId);
      if (!listing.stale() || attempt == LISTINGS) {
        return listing.version();
      }
    }
  }

  /**
   * A fresh listing, kept as the recent one: for a query that found a listed file gone (compaction
   * removed it), so the queries after it do not trip over the same stale listing.
   */
  public LakeVersion relist(String tenantId) {
    LakeVersion version = version(tenantId);
    remember(tenantId, version);
    return version;
  }

  private record Listing(LakeVersion version, boolean stale) {}

  private Listing list(String tenantId) {
    long at = System.nanoTime();
    MessageDigest digest = sha256();
    MessageDigest partitions = sha256();
    Map<String, List<Path>> readable = new LinkedHashMap<>();
    boolean stale = false;
    int superseded = 0;
    for (LogicalTable table : tables.all()) {
      Path folder = table.tenantFolder(root, tenantId);
      Folder listing = completeFiles(folder);
      SortedMap<Path, BasicFileAttributes> listed = listing.files();
      // an entry gone between the folder read and its stat stays listed (list again first): a
      // compaction's inputs deleted after the read, its output renamed in after it, would
      // otherwise both be missing; a query reading it finds it gone and lists again
      SortedSet<Path> named = new TreeSet<>(listed.keySet());
      named.addAll(listing.vanished());
      stale |= !listing.vanished().isEmpty();
      Set<Path> compacted =
          named.stream()
              .filter(file -> LakeFiles.isCompacted(file.getFileName().toString()))
              .collect(Collectors.toSet());
      Map<Path, List<String>> inputs = footers.inputs(folder, compacted, named);
      List<Path> present =
          named.stream()
              .filter(file -> !compacted.contains(file) || inputs.containsKey(file))
              .toList();
      stale |= present.size() < named.size(); // a compacted file vanished before its footer read
      List<Path> read = LakeFiles.readable(present, inputs::get);
      superseded += present.size() - read.size();
      readable.put(table.name(), read);
      digest.update((table.name() + "\n").getBytes(StandardCharsets.UTF_8));
      partitions.update((table.name() + "\n").getBytes(StandardCharsets.UTF_8));
      listed.forEach(
          (file, attributes) ->
              digest.update(describe(folder, file, attributes).getBytes(StandardCharsets.UTF_8)));
      listing.vanished().stream()
          .map(file -> folder.relativize(file) + "|gone\n")
          .forEach(line -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
      present.stream()
          .map(file -> folder.relativize(file.getParent()).toString())
          .distinct()
          .forEach(p -> partitions.update((p + "\n").getBytes(StandardCharsets.UTF_8)));
    }
    return new Listing(
        new LakeVersion(hex(digest), hex(partitions), readable, at, superseded), stale);
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  /**
   * The tenant's lake version as listed at most {@code maxAge} ago: listing a tenant with many
   * partitions costs milliseconds, which a dashboard firing queries in a burst need not pay each
   * time. New files become visible after at most {@code maxAge}.
   */
  public LakeVersion recentVersion(String tenantId, Duration maxAge) {
    if (maxAge.isZero() || maxAge.isNegative()) {
      return version(tenantId);
    }
    long now = System.nanoTime();
    Listed listed = recent.get(tenantId);
    if (listed != null && now - listed.atNanos() < maxAge.toNanos()) {
      return listed.version();
    }
    LakeVersion version = version(tenantId);
    remember(tenantId, version);
    return version;
  }

  /** Keeps the newer of two listings raced in by concurrent queries. */
  private void remember(String tenantId, LakeVersion version) {
    recent.merge(
        tenantId,
        new Listed(version, version.listedAtNanos()),
        (old, fresh) -> fresh.atNanos() - old.atNanos() >= 0 ? fresh : old);
  }

  private record Listed(LakeVersion version, long atNanos) {}

  /**
   * A folder's complete files with their attributes, and the complete names its read showed whose
   * entry was gone by the time it was looked at (a compaction's input deleted just after).
   */
  record Folder(SortedMap<Path, BasicFileAttributes> files, SortedSet<Path> vanished) {}

  /** The complete files in a tenant folder and its partition folders. */
  static Folder completeFiles(Path folder) {
    return completeFiles(folder, () -> {});
  }

  /**
   * {@link #completeFiles(Path)}: the names come from one read of each folder ({@code afterRead}
   * runs after the reads), then each named entry is looked at; one gone meanwhile is {@code
   * vanished}, a folder with a file's name is left out.
   */
  static Folder completeFiles(Path folder, Runnable afterRead) {
    SortedMap<Path, BasicFileAttributes> files = new TreeMap<>();
    SortedSet<Path> vanished = new TreeSet<>();
    List<Path> named = new ArrayList<>();
    try {
      read(folder, DEPTH, named);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the lake", e);
    }
    afterRead.run();
    for (Path file : named) {
      try {
        BasicFileAttributes attributes =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isRegularFile()) {
          files.put(file, attributes);
        }
      } catch (NoSuchFileException e) {
        vanished.add(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the lake", e);
      }
    }
    return new Folder(files, vanished);
  }

  // complete names in folder, and in its subfolders down to depth; a folder gone is empty
  private static void read(Path folder, int depth, List<Path> named) throws IOException {
    List<Path> subfolders = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (LakeFiles.isComplete(name)) {
          named.add(entry);
        } else if (depth > 1 && !name.startsWith(".") && !name.startsWith("_")) {
          subfolders.add(entry);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return;
    }
    for (Path subfolder : subfolders) {
      read(subfolder, depth - 1, named);
    }
  }

  private static String describe(Path folder, Path file, BasicFileAttributes attributes) {
    return folder.relativize(file)
        + "|"
        + attributes.size()
        + "|"
        + attributes.lastModifiedTime().toMillis()
        + "\n";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
