package org.opencdp.query.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
      SortedMap<Path, BasicFileAttributes> listed = completeFiles(folder);
      Set<Path> compacted =
          listed.keySet().stream()
              .filter(file -> LakeFiles.isCompacted(file.getFileName().toString()))
              .collect(Collectors.toSet());
      Map<Path, List<String>> inputs = footers.inputs(folder, compacted, listed.keySet());
      List<Path> present =
          listed.keySet().stream()
              .filter(file -> !compacted.contains(file) || inputs.containsKey(file))
              .toList();
      stale |= present.size() < listed.size(); // a compacted file vanished before its footer read
      List<Path> read = LakeFiles.readable(present, inputs::get);
      superseded += present.size() - read.size();
      readable.put(table.name(), read);
      digest.update((table.name() + "\n").getBytes(StandardCharsets.UTF_8));
      partitions.update((table.name() + "\n").getBytes(StandardCharsets.UTF_8));
      listed.forEach(
          (file, attributes) ->
              digest.update(describe(folder, file, attributes).getBytes(StandardCharsets.UTF_8)));
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
   * The folder's complete files by path, with the attributes the directory walk read (no second
   * stat per file). An entry that goes between the directory read and its stat (a file being
   * written renamed into place, an input compaction removed) is not part of the listing.
   */
  static SortedMap<Path, BasicFileAttributes> completeFiles(Path folder) {
    SortedMap<Path, BasicFileAttributes> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try {
      Files.walkFileTree(
          folder,
          EnumSet.noneOf(FileVisitOption.class),
          DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (attributes.isRegularFile()
                  && LakeFiles.isComplete(file.getFileName().toString())) {
                files.put(file, attributes);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // gone while listing
              }
              throw e;
            }
          });
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the lake", e);
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
