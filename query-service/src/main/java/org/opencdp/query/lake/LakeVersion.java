package org.opencdp.query.lake;

import java.util.Map;

/**
 * What a tenant's lake looks like right now, cheaply: a digest of its complete files' names, sizes
 * and modification times, and which tables have any file at all.
 *
 * @param digest changes whenever a file of the tenant appears, disappears or changes
 * @param partitions changes only when a partition folder holding files appears or disappears (what
 *     an engine with a partition catalog must sync)
 * @param filesPerTable complete Parquet files per logical table name
 */
public record LakeVersion(String digest, String partitions, Map<String, Integer> filesPerTable) {

  public LakeVersion {
    filesPerTable = Map.copyOf(filesPerTable);
  }

  public boolean hasFiles(String table) {
    return filesPerTable.getOrDefault(table, 0) > 0;
  }
}
