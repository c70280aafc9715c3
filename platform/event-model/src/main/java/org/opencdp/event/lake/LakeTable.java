package org.opencdp.event.lake;

import static org.opencdp.event.lake.LakeColumn.column;
import static org.opencdp.event.lake.LakeColumn.partitionKey;

import java.util.List;

/**
 * The lake's tables (ARCHITECTURE §6): their folder, Hive partition keys and columns. Writers and
 * readers both take the schema from here.
 */
public enum LakeTable {
  EVENTS(
      "events",
      List.of(
          column("message_id", LakeType.STRING),
          column("type", LakeType.STRING),
          column("event", LakeType.STRING),
          column("user_id", LakeType.STRING),
          column("anonymous_id", LakeType.STRING),
          column("ts", LakeType.TIMESTAMP),
          column("received_at", LakeType.TIMESTAMP),
          column("source_id", LakeType.STRING),
          column("properties", LakeType.JSON),
          column("traits", LakeType.JSON),
          column("context", LakeType.JSON),
          column("order_id", LakeType.STRING),
          column("revenue", LakeType.DOUBLE),
          column("currency", LakeType.STRING),
          column("product_id", LakeType.STRING),
          column("sku", LakeType.STRING),
          column("category", LakeType.STRING),
          column("price", LakeType.DOUBLE),
          column("quantity", LakeType.BIGINT),
          column("channel", LakeType.STRING),
          column("country", LakeType.STRING),
          column("region", LakeType.STRING),
          column("city", LakeType.STRING),
          column("locale", LakeType.STRING),
          partitionKey("tenant_id", LakeType.STRING),
          partitionKey("event_date", LakeType.DATE))),
  QUARANTINE(
      "quarantine",
      List.of(
          column("id", LakeType.STRING),
          column("message_id", LakeType.STRING),
          column("source_id", LakeType.STRING),
          column("stage", LakeType.STRING),
          column("event", LakeType.STRING),
          column("reason_codes", LakeType.STRING),
          column("reasons", LakeType.JSON),
          column("payload", LakeType.STRING),
          column("received_at", LakeType.TIMESTAMP),
          column("source_topic", LakeType.STRING),
          column("source_partition", LakeType.BIGINT),
          column("source_offset", LakeType.BIGINT),
          column("rule_versions", LakeType.JSON),
          partitionKey("tenant_id", LakeType.STRING),
          partitionKey("received_date", LakeType.DATE)));

  private final String folder;
  private final List<LakeColumn> columns;

  LakeTable(String folder, List<LakeColumn> columns) {
    this.folder = folder;
    this.columns = columns;
  }

  /** Folder under the lake root, also the logical table name. */
  public String folder() {
    return folder;
  }

  public List<LakeColumn> columns() {
    return columns;
  }

  /** The columns stored inside the Parquet files (everything but the partition keys). */
  public List<LakeColumn> fileColumns() {
    return columns.stream().filter(c -> !c.partition()).toList();
  }

  public List<LakeColumn> partitionKeys() {
    return columns.stream().filter(LakeColumn::partition).toList();
  }

  /** Relative path of one partition: {@code events/tenant_id=acme/event_date=2026-12-03}. */
  public String partitionPath(String tenantId, java.time.LocalDate date) {
    List<LakeColumn> keys = partitionKeys();
    return folder
        + "/"
        + keys.get(0).name()
        + "="
        + tenantId
        + "/"
        + keys.get(1).name()
        + "="
        + date;
  }
}
