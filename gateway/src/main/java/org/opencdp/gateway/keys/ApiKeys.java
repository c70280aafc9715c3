package org.opencdp.gateway.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The keys of every tenant (and the platform's), in the gateway's database. */
@Repository
public class ApiKeys {

  private final JdbcClient jdbc;
  private final Clock clock;

  @Autowired
  public ApiKeys(JdbcClient jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  ApiKeys(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new key for the tenant ({@code null} for a platform key): the key, shown only now. */
  public IssuedKey issue(String tenantId, KeyKind kind, Set<Role> roles) {
    String key = KeyMaterial.newKey(kind);
    ApiKey stored =
        new ApiKey(
            KeyMaterial.newKeyId(),
            tenantId,
            kind,
            roles,
            KeyMaterial.hash(key),
            KeyMaterial.displayPrefix(key, kind),
            now(),
            null);
    insert(stored);
    return new IssuedKey(stored, key);
  }

  /** Stores a key whose secret was made elsewhere (a configured platform key). */
  void insert(ApiKey key) {
    jdbc.sql(
            """
            insert into api_keys (key_id, tenant_id, kind, roles, hash, prefix, created_at)
            values (:keyId, :tenantId, :kind, :roles, :hash, :prefix, :createdAt)
            """)
        .param("keyId", key.keyId())
        .param("tenantId", key.tenantId())
        .param("kind", key.kind().wireName())
        .param("roles", rolesColumn(key.roles()))
        .param("hash", key.hash())
        .param("prefix", key.prefix())
        .param("createdAt", Timestamp.from(key.createdAt()))
        .update();
  }

  /** The key with this hash, revoked or not. */
  public Optional<ApiKey> findByHash(String hash) {
    return jdbc.sql("select * from api_keys where hash = :hash")
        .param("hash", hash)
        .query(ApiKeys::row)
        .optional();
  }

  public Optional<ApiKey> find(String tenantId, String keyId) {
    return jdbc.sql("select * from api_keys where key_id = :keyId and tenant_id = :tenantId")
        .param("keyId", keyId)
        .param("tenantId", tenantId)
        .query(ApiKeys::row)
        .optional();
  }

  public List<ApiKey> ofTenant(String tenantId) {
    return jdbc.sql(
            "select * from api_keys where tenant_id = :tenantId order by created_at, key_id")
        .param("tenantId", tenantId)
        .query(ApiKeys::row)
        .list();
  }

  public boolean anyOfKind(KeyKind kind) {
    return jdbc.sql("select count(*) from api_keys where kind = :kind and revoked_at is null")
            .param("kind", kind.wireName())
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Revokes the key; false when the tenant has no such key. Revoking twice keeps the first time.
   */
  public boolean revoke(String tenantId, String keyId) {
    if (find(tenantId, keyId).isEmpty()) {
      return false;
    }
    jdbc.sql(
            """
            update api_keys set revoked_at = :now
            where key_id = :keyId and tenant_id = :tenantId and revoked_at is null
            """)
        .param("now", Timestamp.from(now()))
        .param("keyId", keyId)
        .param("tenantId", tenantId)
        .update();
    return true;
  }

  /** A new key of the same kind and roles, the old one revoked, in one transaction. */
  @Transactional
  public Optional<IssuedKey> rotate(String tenantId, String keyId) {
    Optional<ApiKey> old = find(tenantId, keyId);
    if (old.isEmpty() || old.get().revoked()) {
      return Optional.empty();
    }
    revoke(tenantId, keyId);
    return Optional.of(issue(tenantId, old.get().kind(), old.get().roles()));
  }

  private Instant now() {
    // Microseconds: what PostgreSQL's timestamp keeps, so a stored key reads back equal.
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  static String rolesColumn(Set<Role> roles) {
    return roles.stream().map(Role::wireName).sorted().collect(Collectors.joining(","));
  }

  static Set<Role> roles(String column) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(column.split(","))
        .filter(s -> !s.isBlank())
        .forEach(name -> Role.fromWire(name).ifPresent(roles::add));
    return roles;
  }

  private static ApiKey row(ResultSet rs, int n) throws SQLException {
    Timestamp revoked = rs.getTimestamp("revoked_at");
    return new ApiKey(
        rs.getString("key_id"),
        rs.getString("tenant_id"),
        KeyKind.fromWire(rs.getString("kind")).orElseThrow(),
        roles(rs.getString("roles")),
        rs.getString("hash").strip(),
        rs.getString("prefix"),
        rs.getTimestamp("created_at").toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  /** A key just made: the stored record and the key itself, which is never stored. */
  public record IssuedKey(ApiKey stored, String key) {}
}
