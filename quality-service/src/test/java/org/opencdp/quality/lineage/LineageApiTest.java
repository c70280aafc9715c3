package org.opencdp.quality.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.event.lake.EventRow;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.TestEvents;
import org.opencdp.quality.compaction.LakeReads;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeMerge;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.SourceCoverage;
import org.opencdp.quality.lake.SourcePartition;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cdp.quality.intake.enabled=false",
      "cdp.kafka.create-topics=false",
      "cdp.data-dir=target/test-data"
    })
class LineageApiTest {

  static final Path LAKE = Path.of("target/test-lakes", "lineage-" + UUID.randomUUID());
  static final LocalDate DAY = LocalDate.of(2026, 12, 3);
  static final String TOPIC = "raw-" + UUID.randomUUID();

  @DynamicPropertySource
  static void lakeRoot(DynamicPropertyRegistry registry) {
    registry.add("cdp.lake.root", LAKE::toString);
  }

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;

  @BeforeAll
  static void lake() {
    LakeWriter writer =
        new LakeWriter(
            new LakeProperties(
                LAKE,
                DataSize.ofMegabytes(64),
                Duration.ofSeconds(2),
                100,
                DataSize.ofMegabytes(8)),
            Clock.systemUTC());
    Instant ts = Instant.parse("2026-12-03T10:00:00Z");
    SourceCoverage acme = new SourceCoverage();
    acme.add(new SourcePartition(TOPIC, 1), 40);
    acme.add(new SourcePartition(TOPIC, 1), 41);
    writer.writeEvents(
        "lineage-acme",
        DAY,
        List.of(
            EventRow.of(TestEvents.order("lineage-acme", "l-1", ts, 1)),
            EventRow.of(TestEvents.order("lineage-acme", "l-2", ts, 2))),
        acme);
    SourceCoverage other = new SourceCoverage();
    other.add(new SourcePartition(TOPIC, 2), 7);
    writer.writeEvents(
        "lineage-other",
        DAY,
        List.of(EventRow.of(TestEvents.order("lineage-other", "l-3", ts, 3))),
        other);
    compactedDay(writer);
  }

  static final LocalDate COMPACTED_DAY = LocalDate.of(2026, 12, 4);

  /** Eight files of one day merged into one, as the compactor does. */
  static void compactedDay(LakeWriter writer) {
    Path partition =
        new Lake(LakeReads.properties(LAKE))
            .partition(LakeTable.EVENTS, "lineage-acme", COMPACTED_DAY);
    List<Path> inputs = new ArrayList<>();
    for (int f = 0; f < 8; f++) {
      inputs.add(
          LakeReads.writeOrders(writer, "lineage-acme", COMPACTED_DAY, TOPIC, "c-", f * 5, 5)
              .path());
    }
    LakeMerge.Prepared merged = LakeMerge.prepare(writer, LakeTable.EVENTS, partition, inputs);
    merged.commit();
    merged.removeInputs();
  }

  HttpResponse<String> get(String query, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/lineage?" + query));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String analyst(String tenant) {
    return signer.sign(new CallerIdentity(tenant, "key-1", Set.of(Role.ANALYST), null));
  }

  @Test
  void listsTheSourceOffsetsOfEveryFileOfTheCallersTenantOnly() throws Exception {
    HttpResponse<String> response = get("table=events&date=2026-12-03", analyst("lineage-acme"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = TestEvents.CODEC.mapper().readTree(response.body());
    assertThat(body.path("tenantId").asString()).isEqualTo("lineage-acme");
    assertThat(body.path("files")).hasSize(1);
    JsonNode file = body.path("files").get(0);
    assertThat(file.path("path").asString())
        .startsWith("events/tenant_id=lineage-acme/event_date=2026-12-03/part-");
    assertThat(file.path("rows").asLong()).isEqualTo(2);
    assertThat(file.path("sources").get(0).path("topic").asString()).isEqualTo(TOPIC);
    assertThat(file.path("sources").get(0).path("partition").asInt()).isEqualTo(1);
    assertThat(file.path("sources").get(0).path("ranges").toString()).isEqualTo("[[40,41]]");
  }

  @Test
  void aCompactedFileShowsTheUnionOfItsInputsSourcesAndTheFilesItReplaced() throws Exception {
    HttpResponse<String> response = get("table=events&date=2026-12-04", analyst("lineage-acme"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode files = TestEvents.CODEC.mapper().readTree(response.body()).path("files");
    assertThat(files).hasSize(1);
    JsonNode file = files.get(0);
    assertThat(file.path("path").asString())
        .startsWith("events/tenant_id=lineage-acme/event_date=2026-12-04/compact-");
    assertThat(file.path("rows").asLong()).isEqualTo(40);
    assertThat(file.path("sources").get(0).path("ranges").toString()).isEqualTo("[[0,39]]");
    assertThat(file.path("compactedAt").asString()).isNotBlank();
    JsonNode from = file.path("compactedFrom");
    assertThat(from).hasSize(8);
    assertThat(from.findValuesAsString("name")).allSatisfy(n -> assertThat(n).startsWith("part-"));
    assertThat(from.findValues("rows")).allSatisfy(r -> assertThat(r.asLong()).isEqualTo(5));
    assertThat(from.findValuesAsString("writtenAt"))
        .hasSize(8)
        .allSatisfy(w -> assertThat(Instant.parse(w)).isBeforeOrEqualTo(Instant.now()));
    assertThat(file.path("writtenAt").asString())
        .isEqualTo(from.findValuesAsString("writtenAt").stream().max(String::compareTo).get());
  }

  @Test
  void aFileTheIntakeWroteWasCompactedFromNothing() throws Exception {
    JsonNode file =
        TestEvents.CODEC
            .mapper()
            .readTree(get("table=events&date=2026-12-03", analyst("lineage-acme")).body())
            .path("files")
            .get(0);

    assertThat(file.path("compactedFrom")).isEmpty();
    assertThat(file.path("compactedAt").isNull()).isTrue();
    assertThat(file.path("writtenAt").asString()).isNotBlank();
  }

  @Test
  void refusesAnUnknownTableWithAProblem() throws Exception {
    HttpResponse<String> response = get("table=secrets&date=2026-12-03", analyst("lineage-acme"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("unknown-table").contains("secrets");
  }

  @Test
  void refusesADateThatIsNotADay() throws Exception {
    HttpResponse<String> response = get("table=events&date=yesterday", analyst("lineage-acme"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("invalid-date");
  }

  @Test
  void refusesACallerWithoutAToken() throws Exception {
    assertThat(get("table=events&date=2026-12-03", null).statusCode()).isEqualTo(401);
  }
}
