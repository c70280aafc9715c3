package org.opencdp.query.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.query.TestClient.body;
import static org.opencdp.query.TestClient.json;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencdp.query.TestClient;
import org.opencdp.query.TestLake;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Guard layer 2 on its own: with the SQL parser check switched off, tenant {@code iso} sends raw
 * SQL straight to DuckDB, and the locked-down database still reads nothing but its own folders.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cdp.data-dir=target/test-data",
      "cdp.query.guard.enabled=false",
      "cdp.query.cache.enabled=false"
    })
class DuckDbIsolationTest {

  static final TestLake LAKE = TestLake.fresh("isolation");
  static final Path ROOT = LAKE.root();
  static final Path OUTSIDE =
      Path.of("target", "isolation-leak-" + System.nanoTime()).toAbsolutePath();

  @DynamicPropertySource
  static void lakeRoot(DynamicPropertyRegistry registry) {
    registry.add("cdp.lake.root", ROOT::toString);
  }

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;
  TestClient client;

  @BeforeAll
  static void lake() {
    // iso-x shares iso's prefix: allowed_directories must not let one into the other
    LAKE.events("iso", 12).events("iso-x", 40).events("other", 50).quarantine("other", 3);
  }

  @BeforeEach
  void client() {
    client = new TestClient(port, signer);
  }

  /**
   * Every way out we know of. ({@code attach ':memory:'} is not here: DuckDB allows it with
   * external access off, and a fresh in-memory database reads no file and no other tenant.)
   */
  static Stream<String> attacks() {
    String other = ROOT + "/events/tenant_id=other";
    return Stream.of(
        "select count(*) from read_parquet('" + other + "/*/*.parquet')",
        "select count(*) from read_parquet('" + ROOT + "/events/tenant_id=iso-x/*/*.parquet')",
        "select count(*) from read_parquet('" + ROOT + "/events/**/*.parquet')",
        "select count(*) from read_parquet('"
            + ROOT
            + "/events/tenant_id=iso/../tenant_id=other/*/*.parquet')",
        "select count(*) from '" + other + "/event_date=2026-12-01/*.parquet'",
        "select * from read_parquet('" + ROOT + "/quarantine/tenant_id=other/*/*.parquet')",
        "select * from glob('" + ROOT + "/**')",
        "select * from read_text('/etc/passwd')",
        "select * from read_csv('/etc/hosts')",
        "select * from read_blob('" + other + "/event_date=2026-12-01/x.parquet')",
        "attach '" + OUTSIDE + ".db' as leak",
        "copy (select * from events) to '" + OUTSIDE + ".csv'",
        "copy events to '" + ROOT + "/events/tenant_id=other/evil.parquet'",
        "set enable_external_access = true",
        "set allowed_directories = ['/']",
        "set lock_configuration = false",
        "reset lock_configuration",
        "set memory_limit = '100GB'",
        "install httpfs",
        "load httpfs",
        "pragma enable_profiling",
        "export database '" + OUTSIDE + "'",
        "create table leak as select * from read_parquet('" + other + "/*/*.parquet')");
  }

  @ParameterizedTest
  @MethodSource("attacks")
  void theEngineRefusesWhatTheGuardWouldHave(String sql) {
    HttpResponse<String> response = client.sql("iso", body(sql));

    assertThat(response.statusCode()).as(sql + " -> " + response.body()).isBetween(400, 499);
    assertThat(response.body()).doesNotContain(ROOT.toString()).doesNotContain("Exception");
    assertThat(OUTSIDE.resolveSibling(OUTSIDE.getFileName() + ".csv")).doesNotExist();
    assertThat(OUTSIDE.resolveSibling(OUTSIDE.getFileName() + ".db")).doesNotExist();
    assertThat(ROOT.resolve("events/tenant_id=other/evil.parquet")).doesNotExist();
  }

  @Test
  void stillReadsItsOwnTables() {
    HttpResponse<String> iso = client.sql("iso", body("select count(*) from events"));
    HttpResponse<String> isoX = client.sql("iso-x", body("select count(*) from events"));

    assertThat(json(iso).path("rows").get(0).get(0).asLong()).as(iso.body()).isEqualTo(12);
    assertThat(json(isoX).path("rows").get(0).get(0).asLong()).isEqualTo(40);
  }

  @Test
  void aSettingStaysLockedAfterAnAttempt() {
    client.sql("iso", body("set threads = 64"));

    HttpResponse<String> threads = client.sql("iso", body("select current_setting('threads')"));

    assertThat(json(threads).path("rows").get(0).get(0).asLong()).isEqualTo(2);
    assertThat(Files.exists(OUTSIDE)).isFalse();
  }
}
