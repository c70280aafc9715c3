package org.opencdp.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.query.TestClient.body;
import static org.opencdp.query.TestClient.json;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencdp.query.TestClient;
import org.opencdp.query.TestLake;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cdp.data-dir=target/test-data", "cdp.query.lake-listing-ttl=0s"})
class QueryApiTest {

  static final TestLake LAKE = TestLake.fresh("api");

  @DynamicPropertySource
  static void lakeRoot(DynamicPropertyRegistry registry) {
    registry.add("cdp.lake.root", () -> LAKE.root().toString());
  }

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;
  TestClient client;

  @BeforeAll
  static void lake() {
    LAKE.events("acme", 300).events("globex", 30).quarantine("acme", 4);
  }

  @BeforeEach
  void client() {
    client = new TestClient(port, signer);
  }

  @Test
  void answersInTheArchitectureShape() {
    HttpResponse<String> response = client.sql("acme", body("select count(*) from events"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("columns").get(0).path("name").asString()).isEqualTo("count_star()");
    assertThat(body.path("columns").get(0).path("type").asString()).isEqualTo("BIGINT");
    assertThat(body.path("rows").get(0).get(0).asLong()).isEqualTo(300);
    assertThat(body.path("rowCount").asInt()).isEqualTo(1);
    assertThat(body.path("truncated").asBoolean()).isFalse();
    assertThat(body.path("engine").asString()).isEqualTo("duckdb");
    assertThat(body.has("elapsedMs")).isTrue();
  }

  @Test
  void seesOnlyTheCallersTenant() {
    JsonNode globex =
        json(client.sql("globex", body("select count(*), count(distinct message_id) from events")));

    assertThat(globex.path("rows").get(0).get(0).asLong()).isEqualTo(30);
  }

  @Test
  void groupsAndTypesColumnsLikeTheLake() {
    JsonNode body =
        json(
            client.sql(
                "acme",
                body(
                    "select event_date, min(ts) first, sum(revenue) revenue from events"
                        + " group by 1 order by 1")));

    assertThat(body.path("columns").toString())
        .isEqualTo(
            "[{\"name\":\"event_date\",\"type\":\"DATE\"},{\"name\":\"first\",\"type\":\"TIMESTAMP\"},"
                + "{\"name\":\"revenue\",\"type\":\"DOUBLE\"}]");
    assertThat(body.path("rows").get(0).get(0).asString()).isEqualTo("2026-12-01");
    assertThat(body.path("rows").get(0).get(1).asString()).isEqualTo("2026-12-01T00:00:00Z");
    // i = 0, 3, ..., 297 on day 1: 1.5 * (0 + 3 + ... + 297)
    assertThat(body.path("rows").get(0).get(2).asDouble()).isEqualTo(1.5 * 3 * (99 * 100 / 2));
  }

  @Test
  void bindsParameters() {
    JsonNode body =
        json(
            client.sql(
                "acme",
                body(
                    "select count(*) from events where user_id = ? and price >= ?",
                    "\"parameters\":[\"u1\", 5]")));

    assertThat(body.path("rows").get(0).get(0).asLong()).isPositive();
  }

  @Test
  void truncatesAtMaxRows() {
    JsonNode body =
        json(client.sql("acme", body("select message_id from events", "\"maxRows\":7")));

    assertThat(body.path("rowCount").asInt()).isEqualTo(7);
    assertThat(body.path("truncated").asBoolean()).isTrue();
  }

  @Test
  void givesATenantWithoutFilesEmptyTablesWithTheirColumns() {
    JsonNode events = json(client.sql("initech", body("select count(*) from events")));
    JsonNode quarantine = json(client.sql("initech", body("select * from quarantine")));

    assertThat(events.path("rows").get(0).get(0).asLong()).isZero();
    assertThat(quarantine.path("rowCount").asInt()).isZero();
    assertThat(quarantine.path("columns").get(0).path("name").asString()).isEqualTo("id");
    assertThat(quarantine.path("columns").toString()).contains("received_date");
  }

  @Test
  void readsTheQuarantine() {
    JsonNode body =
        json(client.sql("acme", body("select count(*), min(received_date) from quarantine")));

    assertThat(body.path("rows").toString()).isEqualTo("[[4,\"2026-12-02\"]]");
  }

  @Test
  void seesNewFilesAtOnceDespiteTheCache() {
    TestLake lake = new TestLake(LAKE.root());
    String sql = body("select count(*) from events");
    long before = json(client.sql("hooli", sql)).path("rows").get(0).get(0).asLong();

    lake.events("hooli", 5);
    long after = json(client.sql("hooli", sql)).path("rows").get(0).get(0).asLong();

    assertThat(before).isZero();
    assertThat(after).isEqualTo(5);
  }

  @Test
  void refusesATableFunctionWith422NamingIt() {
    HttpResponse<String> response =
        client.sql("acme", body("select * from read_parquet('/etc/x.parquet')"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.path("code").asString()).isEqualTo("table-function-not-allowed");
    assertThat(problem.path("construct").asString()).isEqualTo("read_parquet");
    assertThat(problem.path("line").asInt()).isEqualTo(1);
    assertThat(problem.path("column").asInt()).isEqualTo(15);
  }

  @Test
  void answersASyntaxErrorWith400AndItsPosition() {
    HttpResponse<String> response = client.sql("acme", body("select *\nfrom events\nwher 1"));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = json(response);
    assertThat(problem.path("code").asString()).isEqualTo("sql-syntax-error");
    assertThat(problem.path("line").asInt()).isEqualTo(3);
  }

  @Test
  void namesAnUnknownColumnWithoutAnyPath() {
    HttpResponse<String> response = client.sql("acme", body("select no_such_column from events"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).path("code").asString()).isEqualTo("unknown-column");
    assertThat(response.body())
        .contains("no_such_column")
        .doesNotContain(LAKE.root().toString())
        .doesNotContain("tenant_id=")
        .doesNotContain("Exception");
  }

  @Test
  void timesOutWith408() {
    HttpResponse<String> response =
        client.sql(
            "acme",
            body(
                "select count(*) from events a, events b, events c, events d where a.price + b.price"
                    + " + c.price + d.price > 1",
                "\"timeoutMs\":300"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(408);
    assertThat(json(response).path("code").asString()).isEqualTo("query-timeout");
    for (int i = 0; i < 6; i++) { // more than the idle connections kept: none was left broken
      JsonNode after = json(client.sql("acme", body("select count(*) from events")));
      assertThat(after.path("rows").get(0).get(0).asLong()).as(after.toString()).isEqualTo(300);
    }
  }

  @Test
  void streamsCsv() {
    HttpResponse<String> response =
        client.post(
            client.token("acme", Role.ANALYST),
            body("select region, count(*) n from events group by 1 order by 1"),
            "text/csv");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(response.body()).isEqualTo("region,n\r\neu,150\r\nus,150\r\n");
  }

  @Test
  void streamsNdjson() {
    HttpResponse<String> response =
        client.post(
            client.token("acme", Role.ANALYST),
            body("select region, count(*) n from events group by 1 order by 1"),
            "application/x-ndjson");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"region\":\"eu\",\"n\":150}\n{\"region\":\"us\",\"n\":150}\n");
  }

  @Test
  void listsTheLogicalTables() {
    HttpResponse<String> response = client.get("acme", "/v1/query/tables");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode tables = json(response).path("tables");
    assertThat(tables.get(0).path("name").asString()).isEqualTo("events");
    assertThat(tables.get(0).path("columns").toString())
        .contains("{\"name\":\"revenue\",\"type\":\"DOUBLE\"}")
        .contains("{\"name\":\"event_date\",\"type\":\"DATE\"}")
        .doesNotContain("tenant_id");
    assertThat(tables.get(1).path("name").asString()).isEqualTo("quarantine");
  }

  @Test
  void requiresATokenAndTheAnalystRole() {
    assertThat(client.post(null, body("select 1"), "application/json").statusCode()).isEqualTo(401);
    assertThat(
            client
                .post(client.token("acme", Role.APP), body("select 1"), "application/json")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            client
                .post(client.token("acme", Role.ADMIN), body("select 1"), "application/json")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void validatesTheRequest() {
    assertThat(json(client.sql("acme", "{}")).path("field").asString()).isEqualTo("sql");
    assertThat(client.sql("acme", body("select 1", "\"maxRows\":0")).statusCode()).isEqualTo(400);
    assertThat(client.sql("acme", body("select 1", "\"maxRows\":100001")).statusCode())
        .isEqualTo(400);
    assertThat(
            json(client.sql("acme", body("select 1", "\"engine\":\"oracle\"")))
                .path("code")
                .asString())
        .isEqualTo("unknown-engine");
    assertThat(
            json(client.sql("acme", body("select ?", "\"parameters\":[]"))).path("code").asString())
        .isEqualTo("invalid-parameter");
  }
}
