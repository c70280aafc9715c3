package org.opencdp.query.lake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.opencdp.event.lake.LakeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Which files a compacted lake file replaced ({@link LakeFiles#COMPACTED_FROM_KEY} in its Parquet
 * footer), read once per file: lake files never change, so a footer read is kept for as long as its
 * file is listed. The footers are read by a DuckDB connection of the service's own, which no
 * tenant's SQL ever reaches, locked to the lake's root.
 */
@Component
public class CompactedFooters implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(CompactedFooters.class);

  private final Connection connection;

  /** Per listed folder, the inputs of each compacted file last seen there. */
  private final Map<Path, Map<Path, List<String>>> known = new ConcurrentHashMap<>();

  private final AtomicInteger reads = new AtomicInteger();

  public CompactedFooters(LakeProperties properties) {
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET threads = 1");
        statement.execute("SET autoinstall_known_extensions = false");
        statement.execute("SET autoload_known_extensions = false");
        statement.execute("SET allowed_directories = [" + literal(properties.root() + "/") + "]");
        statement.execute("SET enable_external_access = false");
        statement.execute("SET lock_configuration = true");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open DuckDB to read lake footers", e);
    }
  }

  /**
   * The inputs of each compacted file of {@code folder}'s listing, from the cache or the footers. A
   * file absent from the answer is gone: it was deleted after it was listed. Files of the folder
   * that are no longer listed leave the cache.
   *
   * @param listed every complete file listed under {@code folder}, of which {@code compacted} are
   *     compacted files
   */
  Map<Path, List<String>> inputs(Path folder, Collection<Path> compacted, Set<Path> listed) {
    if (compacted.isEmpty()) {
      known.remove(folder);
      return Map.of();
    }
    Map<Path, List<String>> previous = known.getOrDefault(folder, Map.of());
    Map<Path, List<String>> current = new HashMap<>();
    List<Path> unread = new ArrayList<>();
    for (Path file : compacted) {
      List<String> inputs = previous.get(file);
      if (inputs == null) {
        unread.add(file);
      } else {
        current.put(file, inputs);
      }
    }
    if (!unread.isEmpty()) {
      current.putAll(read(unread));
    }
    // once no input of a compacted file is listed, none ever returns (names are never reused):
    // keep the file known but forget the names, so a settled lake costs little memory
    Map<Path, List<String>> kept = new HashMap<>();
    current.forEach(
        (file, inputs) ->
            kept.put(
                file,
                inputs.stream().anyMatch(name -> listed.contains(file.resolveSibling(name)))
                    ? inputs
                    : List.of()));
    known.put(folder, Map.copyOf(kept));
    return current;
  }

  /** Whether a footer of this file is kept. */
  boolean knows(Path file) {
    Map<Path, List<String>> folder = known.get(file.getParent().getParent());
    return folder != null && folder.containsKey(file);
  }

  /** Footers read from files so far (not from the cache). */
  int reads() {
    return reads.get();
  }

  private synchronized Map<Path, List<String>> read(List<Path> files) {
    try {
      return readAll(files);
    } catch (SQLException e) {
      // one file of the batch is gone or unreadable: read each alone to tell which
      Map<Path, List<String>> out = new HashMap<>();
      for (Path file : files) {
        try {
          out.putAll(readAll(List.of(file)));
        } catch (SQLException single) {
          if (!isMissing(single)) {
            log.error(
                "Cannot read the footer of compacted lake file {}; it is read as replacing nothing",
                file,
                single);
            out.put(file, List.of());
          }
        }
      }
      return out;
    }
  }

  private Map<Path, List<String>> readAll(List<Path> files) throws SQLException {
    Map<Path, List<String>> out = new HashMap<>();
    for (Path file : files) {
      out.put(file, List.of()); // a compacted file without the key replaces nothing
    }
    String list = files.stream().map(f -> literal(f.toString())).collect(Collectors.joining(", "));
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT file_name, value FROM parquet_kv_metadata(["
                    + list
                    + "]) WHERE key = "
                    + literal(LakeFiles.COMPACTED_FROM_KEY)
                    + "::BLOB")) {
      while (rows.next()) {
        Path file = Path.of(rows.getString(1));
        byte[] value = rows.getBytes(2);
        out.put(
            file, parse(file, value == null ? null : new String(value, StandardCharsets.UTF_8)));
      }
    }
    reads.addAndGet(files.size());
    return out;
  }

  private static List<String> parse(Path file, String value) {
    try {
      return LakeFiles.parseCompactedFrom(value);
    } catch (RuntimeException e) {
      log.error("Compacted lake file {} names its inputs wrongly; it replaces nothing", file, e);
      return List.of();
    }
  }

  private static boolean isMissing(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("No files found") || message.contains("No such file");
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  @Override
  public void destroy() throws SQLException {
    synchronized (this) {
      connection.close();
    }
  }
}
