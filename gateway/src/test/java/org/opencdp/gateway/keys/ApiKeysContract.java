package org.opencdp.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencdp.gateway.keys.ApiKeys.IssuedKey;
import org.opencdp.gateway.tenants.Tenants;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the key and tenant store must do on every database the gateway supports. */
abstract class ApiKeysContract {

  private ApiKeys keys;
  private Tenants tenants;
  private String tenantId;

  abstract DataSource dataSource();

  @BeforeEach
  void migrate() {
    DataSource ds = dataSource();
    Flyway.configure().dataSource(ds).load().migrate();
    JdbcClient jdbc = JdbcClient.create(ds);
    keys = new ApiKeys(jdbc);
    tenants = new Tenants(jdbc, keys);
    tenantId = "t-" + UUID.randomUUID().toString().substring(0, 8);
    tenants.create(tenantId, "Test");
  }

  @Test
  void storesOnlyTheHashAndFindsTheKeyByIt() {
    IssuedKey issued = keys.issue(tenantId, KeyKind.SECRET, EnumSet.of(Role.ANALYST, Role.APP));

    ApiKey found = keys.findByHash(KeyMaterial.hash(issued.key())).orElseThrow();

    assertThat(found).isEqualTo(issued.stored());
    assertThat(found.hash()).hasSize(64).doesNotContain(issued.key());
    assertThat(found.prefix()).hasSize(11);
    assertThat(issued.key()).startsWith(found.prefix());
    assertThat(found.roles()).containsExactlyInAnyOrder(Role.ANALYST, Role.APP);
  }

  @Test
  void createsTenantWithWriteKeyAndAllRolesSecretKey() {
    assertThat(keys.ofTenant(tenantId))
        .extracting(ApiKey::kind, ApiKey::roles)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(KeyKind.WRITE, Set.of(Role.WRITE)),
            org.assertj.core.groups.Tuple.tuple(
                KeyKind.SECRET, Set.of(Role.ADMIN, Role.ANALYST, Role.APP)));
  }

  @Test
  void refusesSecondTenantWithTheSameId() {
    assertThatThrownBy(() -> tenants.create(tenantId, "Again"))
        .isInstanceOfSatisfying(
            ProblemException.class, p -> assertThat(p.code().code()).isEqualTo("tenant-exists"));
  }

  @Test
  void rotationRevokesTheOldKeyAndKeepsKindAndRoles() {
    IssuedKey old = keys.issue(tenantId, KeyKind.SECRET, Set.of(Role.ANALYST));

    IssuedKey rotated = keys.rotate(tenantId, old.stored().keyId()).orElseThrow();

    assertThat(rotated.stored().roles()).containsExactly(Role.ANALYST);
    assertThat(rotated.key()).isNotEqualTo(old.key());
    assertThat(keys.findByHash(old.stored().hash()).orElseThrow().revoked()).isTrue();
    assertThat(keys.rotate(tenantId, old.stored().keyId())).isEmpty();
  }

  @Test
  void revokesOnlyKeysOfTheNamedTenant() {
    IssuedKey key = keys.issue(tenantId, KeyKind.WRITE, Set.of(Role.WRITE));

    assertThat(keys.revoke("other-tenant", key.stored().keyId())).isFalse();
    assertThat(keys.findByHash(key.stored().hash()).orElseThrow().revoked()).isFalse();
    assertThat(keys.revoke(tenantId, key.stored().keyId())).isTrue();
    assertThat(keys.findByHash(key.stored().hash()).orElseThrow().revokedAt()).isNotNull();
  }
}
