package org.opencdp.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.launcher.e2e.Client.JSON;
import static org.opencdp.launcher.e2e.Client.bearer;
import static org.opencdp.launcher.e2e.Client.describe;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opencdp.launcher.demo.LakeGenerator;
import org.opencdp.launcher.demo.LakeSpec;
import org.opencdp.launcher.e2e.Api.Tenant;
import org.opencdp.launcher.trino.TrinoJava;
import org.opencdp.launcher.trino.TrinoNode;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./cdp up --engine trino}: the platform with a local Trino as query-service's default
 * engine, driven through the gateway: ingested events and rows the lake mode wrote are answered by
 * Trino, and {@code down} stops Trino with the rest. Skipped only where no JDK >= 24 exists.
 */
class TrinoEngineEndToEndTest {

  @Test
  void upWithTheTrinoEngineAnswersGatewaySqlFromTrinoOverIngestedAndGeneratedEvents()
      throws Exception {
    Optional<TrinoJava> jdk = TrinoJava.find(System.getenv(), TrinoJava.JVMS);
    Assumptions.assumeTrue(
        jdk.isPresent(),
        () ->
            TrinoJava.notFound(System.getenv(), TrinoJava.JVMS)
                + "; skipping the --engine trino end-to-end test");
    long start = System.nanoTime();
    LocalPlatform platform = LocalPlatform.start(List.of("--engine", "trino"));
    List<String> leftOver = List.of("(not stopped)");
    try {
      assertThat(platform.log())
          .contains("trino", "ready on port " + (TrinoNode.DEFAULT_PORT + platform.portOffset()))
          .contains("query engine    trino at jdbc:trino://127.0.0.1:");
      assertThat(platform.run().live("trino"))
          .as("trino pid file names a live process")
          .isPresent();
      System.out.printf("e2e: up --engine trino ready in %.1f s%n", platform.seconds());

      Map<String, String> credentials = platform.credentials();
      Client client = new Client(credentials.get("CDP_GATEWAY_URL"));
      Api api = new Api(client, credentials.get("CDP_ADMIN_KEY"));
      Tenant demo =
          new Tenant("demo", credentials.get("CDP_WRITE_KEY"), credentials.get("CDP_SECRET_KEY"));

      // ingested through the gateway, answered by the default engine, which is Trino now
      String marker = "e2e-trino-" + UUID.randomUUID().toString().substring(0, 8);
      api.send(demo, marker, 0, 12, 12);
      api.awaitCount(demo, marker, 12);
      JsonNode rows =
          client.sql(
              demo.secretKey(),
              "select message_id, user_id from events where event = '"
                  + marker
                  + "' order by message_id limit 3");
      assertThat(rows.path("engine").asString()).isEqualTo("trino");
      List<String> got = new ArrayList<>();
      rows.path("rows").forEach(r -> got.add(r.get(0).asString() + "/" + r.get(1).asString()));
      assertThat(got)
          .containsExactly(marker + "-0/user-0", marker + "-1/user-1", marker + "-10/user-10");

      // written straight into the running platform's lake by the lake mode, new partitions
      LakeSpec spec = new LakeSpec("demo", 20_000, 8, LocalDate.of(2026, 6, 30), 500, 3);
      new LakeGenerator(spec)
          .write(
              platform.data().resolve("lake"),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      String generated =
          "select count(*), count(distinct event_date), min(event_date), max(event_date)"
              + " from events where source_id = '"
              + LakeGenerator.SOURCE
              + "'";
      // query-service reuses a tenant's lake listing for up to a second
      // (cdp.query.lake-listing-ttl):
      // files written just after a query become visible to the next listing, so ask until then
      JsonNode counted = null;
      for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
          counted == null
              || (counted.path("rows").get(0).get(0).asLong() == 0
                  && System.nanoTime() < deadline); ) {
        if (counted != null) {
          Thread.sleep(500);
        }
        HttpResponse<String> answer =
            client.postRetrying(
                "/v1/query/sql",
                bearer(demo.secretKey()),
                JSON.createObjectNode().put("engine", "trino").put("sql", generated),
                Duration.ofSeconds(90));
        assertThat(answer.statusCode()).as(describe(answer)).isEqualTo(200);
        counted = JSON.readTree(answer.body());
      }
      assertThat(counted.path("engine").asString()).isEqualTo("trino");
      JsonNode row = counted.path("rows").get(0);
      assertThat(row.get(0).asLong()).as("generated rows").isEqualTo(20_000);
      assertThat(row.get(1).asLong()).as("generated days").isEqualTo(8);
      assertThat(row.get(2).asString()).isEqualTo("2026-06-23");
      assertThat(row.get(3).asString()).isEqualTo("2026-06-30");
      assertThat(Files.readString(platform.data().resolve("trino/etc/rules.json")))
          .as("query-service admitted the tenant in Trino's rules")
          .contains("t_demo");
    } finally {
      leftOver = platform.stop();
      System.out.printf("e2e: trino test %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
    assertThat(leftOver)
        .as("processes `down` did not stop (killed now)\n%s", platform.stopReport())
        .isEmpty();
    assertThat(platform.run().pidFile("trino")).doesNotExist();
  }
}
