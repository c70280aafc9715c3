package org.opencdp.quality.quarantine;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The indexed quarantine of one tenant at a time: pages, records, status changes, audit. */
public final class Quarantine {

  /** One quarantined record as the index holds it. */
  public record Record(
      String id,
      String tenantId,
      String messageId,
      String event,
      String stage,
      String reasonCodes,
      String reasons,
      String ruleVersions,
      Instant receivedAt,
      byte[] payload,
      String lakeFile,
      String status,
      Instant statusAt,
      String statusBy) {}

  /** Which records a page or a bulk replay selects; null members select everything. */
  public record Filter(String reason, String event, Instant from, Instant to, String status) {}

  /** One entry of the audit trail. */
  public record Audit(
      long seq,
      String quarantineId,
      String action,
      String actor,
      Instant at,
      String reason,
      String detail) {}

  /** A page and the cursor of the next one (null at the end). */
  public record Page(List<Record> items, String next) {}

  private static final String COLUMNS =
      "id, tenant_id, message_id, event, stage, reason_codes, reasons, rule_versions,"
          + " received_at, payload, lake_file, status, status_at, status_by";

  private final JdbcClient jdbc;

  public Quarantine(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Page page(String tenant, Filter filter, int limit, String cursor) {
    StringBuilder sql =
        new StringBuilder("select " + COLUMNS + " from quarantine_records where tenant_id = ?");
    List<Object> params = new ArrayList<>(List.of(tenant));
    where(filter, sql, params);
    if (cursor != null) {
      String[] at = decode(cursor);
      sql.append(" and (received_at > ? or (received_at = ? and id > ?))");
      Timestamp ts = Timestamp.from(Instant.parse(at[0]));
      params.add(ts);
      params.add(ts);
      params.add(at[1]);
    }
    sql.append(" order by received_at, id limit ").append(limit + 1);
    List<Record> rows = jdbc.sql(sql.toString()).params(params).query(this::row).list();
    if (rows.size() <= limit) {
      return new Page(rows, null);
    }
    List<Record> page = rows.subList(0, limit);
    Record last = page.get(limit - 1);
    return new Page(List.copyOf(page), encode(last.receivedAt(), last.id()));
  }

  public Optional<Record> find(String tenant, String id) {
    return jdbc.sql("select " + COLUMNS + " from quarantine_records where tenant_id = ? and id = ?")
        .params(tenant, id)
        .query(this::row)
        .optional();
  }

  /**
   * Moves a quarantined record to {@code status}, only if it is still quarantined: of two
   * concurrent replays exactly one wins.
   */
  public boolean transition(String tenant, String id, String status, String actor) {
    return jdbc.sql(
                "update quarantine_records set status = ?, status_at = ?, status_by = ?"
                    + " where tenant_id = ? and id = ? and status = 'quarantined'")
            .params(status, Timestamp.from(Instant.now()), actor, tenant, id)
            .update()
        == 1;
  }

  /** Undoes a claim whose replay could not be sent. */
  public void reopen(String tenant, String id) {
    jdbc.sql(
            "update quarantine_records set status = 'quarantined', status_at = null,"
                + " status_by = null where tenant_id = ? and id = ?")
        .params(tenant, id)
        .update();
  }

  public void audit(
      String tenant, String id, String action, String actor, String reason, String detail) {
    jdbc.sql(
            "insert into quarantine_audit (tenant_id, quarantine_id, action, actor, acted_at, reason,"
                + " detail) values (?, ?, ?, ?, ?, ?, ?)")
        .params(tenant, id, action, actor, Timestamp.from(Instant.now()), reason, detail)
        .update();
  }

  public List<Audit> auditTrail(String tenant, String id, int limit) {
    String sql =
        "select seq, quarantine_id, action, actor, acted_at, reason, detail from quarantine_audit"
            + " where tenant_id = ?"
            + (id == null ? "" : " and quarantine_id = ?")
            + " order by seq desc limit "
            + limit;
    var statement = jdbc.sql(sql).param(tenant);
    if (id != null) {
      statement = statement.param(id);
    }
    return statement
        .query(
            (rs, n) ->
                new Audit(
                    rs.getLong("seq"),
                    rs.getString("quarantine_id"),
                    rs.getString("action"),
                    rs.getString("actor"),
                    rs.getTimestamp("acted_at").toInstant(),
                    rs.getString("reason"),
                    rs.getString("detail")))
        .list();
  }

  private static void where(Filter filter, StringBuilder sql, List<Object> params) {
    if (filter.reason() != null) {
      sql.append(" and (',' || reason_codes || ',') like ?");
      params.add("%," + filter.reason().replace("%", "").replace("_", "\\_") + ",%");
    }
    if (filter.event() != null) {
      sql.append(" and event = ?");
      params.add(filter.event());
    }
    if (filter.from() != null) {
      sql.append(" and received_at >= ?");
      params.add(Timestamp.from(filter.from()));
    }
    if (filter.to() != null) {
      sql.append(" and received_at < ?");
      params.add(Timestamp.from(filter.to()));
    }
    if (filter.status() != null) {
      sql.append(" and status = ?");
      params.add(filter.status());
    }
  }

  private Record row(ResultSet rs, int n) throws SQLException {
    Timestamp statusAt = rs.getTimestamp("status_at");
    return new Record(
        rs.getString("id"),
        rs.getString("tenant_id"),
        rs.getString("message_id"),
        rs.getString("event"),
        rs.getString("stage"),
        rs.getString("reason_codes"),
        rs.getString("reasons"),
        rs.getString("rule_versions"),
        rs.getTimestamp("received_at").toInstant(),
        rs.getBytes("payload"),
        rs.getString("lake_file"),
        rs.getString("status"),
        statusAt == null ? null : statusAt.toInstant(),
        rs.getString("status_by"));
  }

  static String encode(Instant at, String id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor's parts; anything else is refused as a bad cursor. */
  static String[] decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      Instant.parse(text.substring(0, bar));
      return new String[] {text.substring(0, bar), text.substring(bar + 1)};
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a cursor of this API");
    }
  }
}
