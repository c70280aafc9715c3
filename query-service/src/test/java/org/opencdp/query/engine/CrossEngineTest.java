package org.opencdp.query.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.query.TestClient.body;
import static org.opencdp.query.TestClient.json;

import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencdp.query.SharedTrino;
import org.opencdp.query.TestClient;
import org.opencdp.query.TestLake;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The same SQL through the HTTP API on DuckDB and on a real Trino server over the same Parquet
 * files gives the same columns and rows.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cdp.data-dir=target/test-data",
      "cdp.query.trino.enabled=true",
      "cdp.query.lake-listing-ttl=0s",
      "cdp.query.cache.enabled=false"
    })
class CrossEngineTest {

  @BeforeAll
  static void lake() {
    TestLake lake = new TestLake(SharedTrino.server().lakeRoot());
    lake.events("xacme", 900).events("xglobex", 90).quarantine("xacme", 6);
  }

  @DynamicPropertySource
  static void trino(DynamicPropertyRegistry registry) {
    registry.add("cdp.lake.root", () -> SharedTrino.server().lakeRoot().toString());
    registry.add("cdp.query.trino.url", () -> SharedTrino.server().jdbcUrl());
  }

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;
  TestClient client;

  @BeforeEach
  void client() {
    client = new TestClient(port, signer);
  }

  static Stream<String> queries() {
    return Stream.of(
        "select count(*) n from events",
        "select event, count(*) n from events group by event order by event",
        "select event_date, count(*) n, sum(revenue) revenue from events group by 1 order by 1",
        "select region, category, sum(revenue) revenue, count(distinct user_id) users from events"
            + " group by 1, 2 order by 1, 2",
        "select product_id, sum(quantity) q from events group by 1 order by q desc, product_id"
            + " limit 3",
        "select min(ts) first_seen, max(ts) last_seen from events",
        "select user_id, ts from events where event = 'Signed Up' order by ts limit 5",
        "select count(*) n from events where event_date between DATE '2026-12-02' and DATE"
            + " '2026-12-03'",
        "with daily as (select event_date d, count(*) n from events group by 1)"
            + " select max(n) top_day from daily",
        "select count(*) n from quarantine",
        "select avg(price) avg_price, max(revenue) top from events",
        "select case when revenue > 100 then 'big' else 'small' end size, count(*) n from events"
            + " group by 1 order by 1",
        "select count(*) n from events where user_id in ('u1', 'u2') and price >= 5",
        "select lower(event) e, length(region) l from events group by 1, 2 order by 1, 2",
        "select date_trunc('day', ts) d, count(*) n from events group by 1 order by 1");
  }

  @ParameterizedTest
  @MethodSource("queries")
  void duckDbAndTrinoAgree(String sql) {
    JsonNode duck = run("duckdb", sql);
    JsonNode trino = run("trino", sql);

    assertThat(trino.path("columns")).as(sql).isEqualTo(duck.path("columns"));
    assertThat(trino.path("rowCount").asInt()).isEqualTo(duck.path("rowCount").asInt());
    for (int r = 0; r < duck.path("rows").size(); r++) {
      JsonNode duckRow = duck.path("rows").get(r);
      JsonNode trinoRow = trino.path("rows").get(r);
      for (int c = 0; c < duckRow.size(); c++) {
        if (duckRow.get(c).isDouble()) {
          assertThat(trinoRow.get(c).asDouble())
              .isCloseTo(duckRow.get(c).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        } else {
          assertThat(trinoRow.get(c)).as(sql + " row " + r).isEqualTo(duckRow.get(c));
        }
      }
    }
  }

  @Test
  void trinoSeesOnlyTheCallersTenant() {
    assertThat(run("trino", "select count(*) from events").path("rows").get(0).get(0).asLong())
        .isEqualTo(900);
    HttpResponse<String> globex =
        client.sql("xglobex", body("select count(*) from events", "\"engine\":\"trino\""));
    assertThat(json(globex).path("rows").get(0).get(0).asLong()).isEqualTo(90);
  }

  @Test
  void trinoGivesAnEmptyTenantEmptyTables() {
    HttpResponse<String> response =
        client.sql("x-empty", body("select count(*) from events", "\"engine\":\"trino\""));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).path("rows").get(0).get(0).asLong()).isZero();
  }

  @Test
  void trinoSeesANewPartitionOnTheNextQuery() {
    TestLake lake = new TestLake(SharedTrino.server().lakeRoot());
    String sql = body("select count(*) from events", "\"engine\":\"trino\"");
    lake.quarantine("xsync", 1);
    long before = json(client.sql("xsync", sql)).path("rows").get(0).get(0).asLong();

    lake.events("xsync", 7);
    long after = json(client.sql("xsync", sql)).path("rows").get(0).get(0).asLong();

    assertThat(before).isZero();
    assertThat(after).isEqualTo(7);
  }

  @Test
  void trinoRefusesAQualifiedNameThroughTheGuardToo() {
    HttpResponse<String> response =
        client.sql("xacme", body("select * from lake.t_xglobex.events", "\"engine\":\"trino\""));

    assertThat(response.statusCode()).isEqualTo(422);
  }

  private JsonNode run(String engine, String sql) {
    HttpResponse<String> response =
        client.sql("xacme", body(sql, "\"engine\":\"" + engine + "\"", "\"maxRows\":1000"));
    assertThat(response.statusCode())
        .as(engine + ": " + sql + " -> " + response.body())
        .isEqualTo(200);
    return json(response);
  }
}
