package org.opencdp.query.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencdp.query.QueryErrorCode;
import org.opencdp.query.SharedTrino;
import org.opencdp.query.TestLake;
import org.opencdp.query.lake.CompactedFooters;
import org.opencdp.query.lake.LakeProperties;
import org.opencdp.query.lake.LogicalTables;
import org.opencdp.query.lake.TenantLake;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.testkit.TrinoServer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Guard layer 2 on Trino: SQL goes to the engine unchecked, as tenant {@code xiso}'s Trino user,
 * and Trino's access control alone keeps it inside its schema.
 */
class TrinoIsolationTest {

  static TrinoServer trino;
  static TrinoEngine engine;
  static TenantLake lake;
  static Cancellations cancellations = new Cancellations();

  @BeforeAll
  static void start() {
    trino = SharedTrino.server();
    new TestLake(trino.lakeRoot()).events("xiso", 11).events("xiso-x", 13);
    QueryProperties properties = bind(Map.of());
    LakeProperties where = new LakeProperties(trino.lakeRoot());
    lake = new TenantLake(where, new LogicalTables(), new CompactedFooters(where));
    engine = new TrinoEngine(properties, lake, cancellations);
    run("xiso-x", "select count(*) from events"); // creates the neighbour's schema
  }

  static QueryProperties bind(Map<String, String> more) {
    Map<String, String> keys = new java.util.HashMap<>(more);
    keys.put("cdp.query.trino.enabled", "true");
    keys.put("cdp.query.trino.url", trino.jdbcUrl());
    return new Binder(new MapConfigurationPropertySource(keys))
        .bindOrCreate("cdp.query", QueryProperties.class);
  }

  @AfterAll
  static void stop() {
    cancellations.destroy();
  }

  static QueryResult run(String tenant, String sql) {
    return run(engine, tenant, sql);
  }

  static QueryResult run(TrinoEngine engine, String tenant, String sql) {
    return engine.execute(
        new TenantQuery(tenant, sql, List.of(), 100, Duration.ofSeconds(30), lake.version(tenant)));
  }

  @Test
  void aTenantSeenLaterIsAddedToTheRulesWithoutARestart() throws Exception {
    new TestLake(trino.lakeRoot()).events("xlate", 7);
    ProblemException unlisted =
        catchThrowableOfType(
            ProblemException.class, () -> run("xlate", "select count(*) from events"));
    assertThat(unlisted).as("the shared rules do not list xlate").isNotNull();
    assertThat(unlisted.code()).isEqualTo(QueryErrorCode.ACCESS_DENIED);

    TrinoEngine managing =
        new TrinoEngine(
            bind(Map.of("cdp.query.trino.rules-file", trino.rulesFile().toString())),
            lake,
            cancellations);

    assertThat(run(managing, "xlate", "select count(*) from events").rows())
        .containsExactly(List.of(7L));
    assertThat(java.nio.file.Files.readString(trino.rulesFile()))
        .contains("\"t_xlate\"", "\"t_xiso\"", "\"t_xacme\"");
    ProblemException neighbour =
        catchThrowableOfType(
            ProblemException.class,
            () -> run(managing, "xlate", "select count(*) from lake.t_xiso.events"));
    assertThat(neighbour).isNotNull();
    assertThat(neighbour.code()).isIn(QueryErrorCode.ACCESS_DENIED, QueryErrorCode.UNKNOWN_TABLE);
    assertThat(run(managing, "xiso", "select count(*) from events").rows())
        .as("tenants listed before keep their access")
        .containsExactly(List.of(11L));
  }

  @Test
  void readsItsOwnSchema() {
    assertThat(run("xiso", "select count(*) from events").rows()).containsExactly(List.of(11L));
  }

  @Test
  void theCatalogListsNoOtherTenant() {
    QueryResult tables =
        run(
            "xiso",
            "select table_schema from lake.information_schema.tables where table_schema <> 'information_schema'");

    assertThat(tables.rows())
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row).containsExactly("t_xiso"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select count(*) from lake.t_xiso_dx.events",
        "select count(*) from t_xiso_dx.events",
        "select * from system.runtime.queries",
        "select * from system.runtime.nodes",
        "create table lake.t_xiso.copy as select * from events",
        "insert into lake.t_xiso.events select * from events",
        "drop table lake.t_xiso.events",
        "create schema lake.t_evil",
        "call lake.system.sync_partition_metadata('t_xiso_dx', 'events', 'FULL')",
        "set session query_max_memory = '100GB'",
        "select * from lake.\"t_xiso_dx\".\"events$partitions\""
      })
  void trinoRefusesEverythingOutsideTheTenantsSchema(String sql) {
    ProblemException refused = catchThrowableOfType(ProblemException.class, () -> run("xiso", sql));

    assertThat(refused).as(sql).isNotNull();
    assertThat(refused.code())
        .as(sql + ": " + refused.detail())
        .isIn(
            QueryErrorCode.ACCESS_DENIED,
            QueryErrorCode.UNKNOWN_TABLE,
            QueryErrorCode.QUERY_FAILED);
    assertThat(refused.detail()).doesNotContain(trino.lakeRoot().toString());
  }
}
