package org.opencdp.quality.dedup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeReader;
import org.opencdp.quality.lake.LakeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refills a {@link DedupWindow} from the events files the lake wrote within the window. */
public final class LandedIds {

  private static final Logger log = LoggerFactory.getLogger(LandedIds.class);

  private LandedIds() {}

  public static void load(Lake lake, DedupWindow window, Instant now) {
    if (window.window().isZero()) {
      return;
    }
    Instant since = now.minus(window.window());
    int files = 0;
    for (Path file : lake.files(LakeTable.EVENTS)) {
      String writtenAt = Lake.metadata(file).get(LakeWriter.WRITTEN_AT_KEY);
      Instant written = writtenAt == null ? now : Instant.parse(writtenAt);
      if (written.isBefore(since)) {
        continue;
      }
      String tenant = tenantOf(file);
      for (Map<String, Object> row : LakeReader.read(file, List.of("message_id"))) {
        Object id = row.get("message_id");
        if (id instanceof byte[] bytes) {
          window.landed(tenant, new String(bytes, StandardCharsets.UTF_8), written);
        }
      }
      files++;
    }
    log.info("Deduplication window holds {} messageIds from {} lake files", window.size(), files);
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
