package org.opencdp.query.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The lake as query-service reads it: the tenant folders of each logical table and their current
 * {@link LakeVersion}. Hidden files (a leading dot or underscore, as quality-service names files
 * being written) are not part of the lake.
 */
@Component
public class TenantLake {

  private static final int DEPTH = 2; // <date key>=<day>/<file>

  private final Path root;
  private final LogicalTables tables;
  private final Map<String, Listed> recent = new ConcurrentHashMap<>();

  public TenantLake(LakeProperties properties, LogicalTables tables) {
    this.root = properties.root();
    this.tables = tables;
  }

  public Path root() {
    return root;
  }

  public List<LogicalTable> tables() {
    return tables.all();
  }

  /** The tenant's lake version, from one listing of its folders. */
  public LakeVersion version(String tenantId) {
    MessageDigest digest = sha256();
    MessageDigest partitions = sha256();
    Map<String, Integer> files = new LinkedHashMap<>();
    for (LogicalTable table : tables.all()) {
      Path folder = table.tenantFolder(root, tenantId);
      List<Path> parquet = completeFiles(folder);
      files.put(table.name(), parquet.size());
      digest.update((table.name() + "\n").getBytes(StandardCharsets.UTF_8));
      partitions.update((table.name() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Path file : parquet) {
        digest.update(describe(folder, file).getBytes(StandardCharsets.UTF_8));
      }
      parquet.stream()
          .map(file -> folder.relativize(file.getParent()).toString())
          .distinct()
          .forEach(p -> partitions.update((p + "\n").getBytes(StandardCharsets.UTF_8)));
    }
    return new LakeVersion(hex(digest), hex(partitions), files);
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
    recent.put(tenantId, new Listed(version, now));
    return version;
  }

  private record Listed(LakeVersion version, long atNanos) {}

  static List<Path> completeFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    // find() hands over each file's attributes from the directory walk: no second stat per file
    try (Stream<Path> walk =
        Files.find(
            folder,
            DEPTH,
            (path, attributes) -> attributes.isRegularFile() && isCompleteParquet(path))) {
      return walk.sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of(); // removed while listing: as if empty
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the lake", e);
    }
  }

  private static boolean isCompleteParquet(Path path) {
    String name = path.getFileName().toString();
    return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
  }

  private static String describe(Path folder, Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return folder.relativize(file)
          + "|"
          + attributes.size()
          + "|"
          + attributes.lastModifiedTime().toMillis()
          + "\n";
    } catch (IOException e) {
      return folder.relativize(file) + "|gone\n";
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
