package org.opencdp.quality.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store of tracking plans and rules: every save appends an immutable version, the highest
 * version of an id is its current state, a delete is a last version marked deleted.
 */
public final class Definitions {

  /** What a definition is. */
  public enum Kind {
    PLAN("plan"),
    RULE("rule");

    final String column;

    Kind(String column) {
      this.column = column;
    }
  }

  /** One stored version. */
  public record Stored(
      String tenantId,
      Kind kind,
      String id,
      int version,
      boolean enabled,
      boolean deleted,
      JsonNode body,
      Instant createdAt,
      String createdBy) {}

  private static final String COLUMNS =
      "tenant_id, kind, id, version, enabled, deleted, body, created_at, created_by";
  private static final String LATEST =
      "select "
          + COLUMNS
          + " from quality_definitions d where version = (select max(version) from"
          + " quality_definitions m where m.tenant_id = d.tenant_id and m.kind = d.kind"
          + " and m.id = d.id)";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  public Definitions(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Appends the next version of {@code id}; concurrent saves each get a version of their own. */
  public Stored save(
      String tenantId,
      Kind kind,
      String id,
      JsonNode body,
      boolean enabled,
      boolean deleted,
      String actor) {
    for (int attempt = 0; ; attempt++) {
      int next = latest(tenantId, kind, id).map(s -> s.version() + 1).orElse(1);
      Instant now = clock.instant();
      try {
        jdbc.sql(
                "insert into quality_definitions ("
                    + COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(
                tenantId,
                kind.column,
                id,
                next,
                enabled,
                deleted,
                json.writeValueAsString(body),
                Timestamp.from(now),
                actor)
            .update();
        return new Stored(tenantId, kind, id, next, enabled, deleted, body, now, actor);
      } catch (DuplicateKeyException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /** The current version of every definition of the tenant that is not deleted, by id. */
  public List<Stored> current(String tenantId, Kind kind) {
    return jdbc.sql(LATEST + " and tenant_id = ? and kind = ? and deleted = false order by id")
        .params(tenantId, kind.column)
        .query(this::row)
        .list();
  }

  /** The current, enabled definitions of every tenant: what the intake evaluates. */
  public List<Stored> allActive() {
    return jdbc.sql(LATEST + " and deleted = false and enabled = true order by tenant_id, id")
        .query(this::row)
        .list();
  }

  public Optional<Stored> latest(String tenantId, Kind kind, String id) {
    return jdbc.sql(LATEST + " and tenant_id = ? and kind = ? and id = ?")
        .params(tenantId, kind.column, id)
        .query(this::row)
        .optional();
  }

  public Optional<Stored> version(String tenantId, Kind kind, String id, int version) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from quality_definitions where tenant_id = ? and kind = ? and id = ?"
                + " and version = ?")
        .params(tenantId, kind.column, id, version)
        .query(this::row)
        .optional();
  }

  public List<Stored> versions(String tenantId, Kind kind, String id) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from quality_definitions where tenant_id = ? and kind = ? and id = ?"
                + " order by version")
        .params(tenantId, kind.column, id)
        .query(this::row)
        .list();
  }

  /** Grows with every save anywhere: versions are only ever appended. */
  public long revision() {
    return jdbc.sql("select count(*) from quality_definitions").query(Long.class).single();
  }

  private Stored row(ResultSet rs, int n) throws SQLException {
    return new Stored(
        rs.getString("tenant_id"),
        "plan".equals(rs.getString("kind")) ? Kind.PLAN : Kind.RULE,
        rs.getString("id"),
        rs.getInt("version"),
        rs.getBoolean("enabled"),
        rs.getBoolean("deleted"),
        json.readTree(rs.getString("body")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("created_by"));
  }

  static String text(JsonNode body, String field, String fallback) {
    JsonNode value = body.path(field);
    return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : fallback;
  }
}
