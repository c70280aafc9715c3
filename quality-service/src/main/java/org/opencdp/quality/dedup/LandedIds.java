package org.opencdp.quality.dedup;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeReader;
import org.opencdp.quality.lake.LakeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refills a {@link DedupWindow} from the events files the lake wrote within the window. */
public final class LandedIds {

  private static final Logger log = LoggerFactory.getLogger(LandedIds.class);

  /** Listings of the lake at most: each one after a listed file was merged away under it. */
  private static final int LISTINGS = 5;

  private LandedIds() {}

  public static void load(Lake lake, DedupWindow window, Instant now) {
    load(() -> lake.files(LakeTable.EVENTS), window, now);
  }

  /**
   * Loads the ids of every file {@code listing} names. A listed file can be gone by the time it is
   * read: another replica's compactor merged it into a file the next listing shows. The lake is
   * then listed again and what was not yet read is read ({@link #LISTINGS} listings at most); an id
   * read twice, from an input and from the file it was merged into, is simply landed again.
   */
  static void load(Supplier<List<Path>> listing, DedupWindow window, Instant now) {
    if (window.window().isZero()) {
      return;
    }
    Instant since = now.minus(window.window());
    Set<Path> read = new HashSet<>();
    for (int attempt = 1; ; attempt++) {
      try {
        for (Path file : listing.get()) {
          if (read.add(file)) {
            loadFile(file, window, now, since);
          }
        }
        break;
      } catch (UncheckedIOException e) {
        if (!(gone(e)) || attempt >= LISTINGS) {
          throw e;
        }
        log.info("A lake file went while the deduplication window was loaded; listing again");
      }
    }
    log.info(
        "Deduplication window holds {} messageIds from {} lake files", window.size(), read.size());
  }

  private static void loadFile(Path file, DedupWindow window, Instant now, Instant since) {
    String writtenAt = Lake.metadata(file).get(LakeWriter.WRITTEN_AT_KEY);
    Instant written = writtenAt == null ? now : Instant.parse(writtenAt);
    if (written.isBefore(since)) {
      return;
    }
    String tenant = tenantOf(file);
    for (Map<String, Object> row : LakeReader.read(file, List.of("message_id"))) {
      Object id = row.get("message_id");
      if (id instanceof byte[] bytes) {
        window.landed(tenant, new String(bytes, StandardCharsets.UTF_8), written);
      }
    }
  }

  private static boolean gone(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
        return true;
      }
    }
    return false;
  }

  private static String tenantOf(Path file) {
    for (Path part : file) {
      String name = part.toString();
      if (name.startsWith("tenant_id=")) {
        return name.substring("tenant_id=".length());
      }
    }
    return "";
  }
}
