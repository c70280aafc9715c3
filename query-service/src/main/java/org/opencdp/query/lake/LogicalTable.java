package org.opencdp.query.lake;

import java.nio.file.Path;
import java.util.List;
import org.opencdp.event.lake.LakeColumn;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.event.lake.LakeType;

/**
 * A table as a tenant sees it: the lake table's columns less {@code tenant_id} (the tenant is
 * implied), in the lake's order, with SQL types every engine shares.
 */
public record LogicalTable(LakeTable lake, List<Column> columns) {

  /**
   * One column and its SQL type ({@code VARCHAR}, {@code BIGINT}, {@code DOUBLE}, ...).
   *
   * @param converted whether files hold it in another physical form (JSON text, UTC instants) that
   *     a reader must cast to {@code type}
   */
  public record Column(String name, String type, boolean partition, boolean converted) {}

  static final String TENANT_KEY = "tenant_id";

  public static LogicalTable of(LakeTable table) {
    return new LogicalTable(
        table,
        table.columns().stream()
            .filter(c -> !c.name().equals(TENANT_KEY))
            .map(
                c ->
                    new Column(
                        c.name(),
                        sqlType(c),
                        c.partition(),
                        c.type() == LakeType.JSON || c.type() == LakeType.TIMESTAMP))
            .toList());
  }

  public String name() {
    return lake.folder();
  }

  /** The partition key below the tenant folder: {@code event_date} or {@code received_date}. */
  public String dateKey() {
    return columns.stream().filter(Column::partition).findFirst().orElseThrow().name();
  }

  /** {@code <root>/<table>/tenant_id=<tenant>}: all a tenant's files of this table. */
  public Path tenantFolder(Path root, String tenantId) {
    return root.resolve(lake.folder()).resolve(TENANT_KEY + "=" + tenantId);
  }

  /** The same folder relative to the lake root, with forward slashes. */
  public String tenantLocation(String tenantId) {
    return lake.folder() + "/" + TENANT_KEY + "=" + tenantId;
  }

  private static String sqlType(LakeColumn column) {
    LakeType type = column.type();
    return switch (type) {
      case STRING, JSON -> "VARCHAR";
      case BIGINT -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case TIMESTAMP -> "TIMESTAMP";
      case DATE -> "DATE";
    };
  }
}
