package org.opencdp.quality.lake;

import java.time.Instant;
import java.util.UUID;
import org.opencdp.event.lake.LakeFiles;
import org.opencdp.servicekit.tenant.CallerIdentity;

/**
 * How lake files are named: {@code part-<epoch millis>-<uuid>.parquet} when complete, and while
 * being written a hidden name: a leading dot (Trino, Spark and Hive skip those) and a suffix other
 * than {@code .parquet}, because DuckDB's {@code **}/{@code *.parquet} glob does match dot-files.
 */
final class LakeNames {

  static final String SUFFIX = LakeFiles.SUFFIX;
  static final String IN_PROGRESS_SUFFIX = ".inprogress";

  private LakeNames() {}

  static String newFileName(Instant now, UUID id) {
    return "part-" + String.format("%013d", now.toEpochMilli()) + "-" + id + SUFFIX;
  }

  static String inProgress(String name) {
    return "." + name + IN_PROGRESS_SUFFIX;
  }

  static boolean isInProgress(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(IN_PROGRESS_SUFFIX);
  }

  /** Complete by the lake protocol ({@link LakeFiles#isComplete}): visible, not in progress. */
  static boolean isComplete(String fileName) {
    return LakeFiles.isComplete(fileName);
  }

  /** {@code compact-<epoch millis>-<uuid>.parquet}: a file written by compaction. */
  static String newCompactedName(Instant now, UUID id) {
    return LakeFiles.COMPACTED_PREFIX
        + String.format("%013d", now.toEpochMilli())
        + "-"
        + id
        + SUFFIX;
  }

  /** A tenant id becomes a folder name: only the platform's tenant id syntax may. */
  static String checkedTenant(String tenantId) {
    if (!CallerIdentity.isValidTenantId(tenantId) && !Lake.UNKNOWN_TENANT.equals(tenantId)) {
      throw new IllegalArgumentException("not a valid tenant id for a lake folder: " + tenantId);
    }
    return tenantId;
  }
}
