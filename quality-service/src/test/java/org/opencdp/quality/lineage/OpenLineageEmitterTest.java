package org.opencdp.quality.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.TestEvents;
import org.opencdp.quality.compaction.CompactionProperties;
import org.opencdp.quality.compaction.Compactor;
import org.opencdp.quality.compaction.LakeReads;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.SourceCoverage;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/** Run events POSTed to a real HTTP server started here, and what happens when it fails. */
class OpenLineageEmitterTest {

  static final LocalDate DAY = LocalDate.of(2026, 12, 3);
  static final String BOOTSTRAP = "broker-1:9092,broker-2:9092";

  @TempDir Path root;

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);
  volatile boolean hang;
  HttpServer server;
  OpenLineageEmitter emitter;

  URI serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/lineage",
        exchange -> {
          if (hang) {
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          authorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage");
  }

  OpenLineageEmitter emitter(URI url, int capacity, int attempts) {
    emitter =
        new OpenLineageEmitter(
            new OpenLineageProperties(
                url,
                "secret-key",
                "opencdp",
                URI.create("urn:opencdp:quality-service"),
                Duration.ofSeconds(2),
                capacity,
                attempts,
                Duration.ofMillis(20)),
            root,
            BOOTSTRAP,
            Clock.systemUTC(),
            registry);
    return emitter;
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (emitter != null) {
      emitter.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  double count(String outcome) {
    return registry.counter("cdp.lineage.openlineage.events", "outcome", outcome).count();
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("in time").isTrue();
  }

  @Test
  void postsARunEventForEveryLakeFileWithTheKafkaTopicInAndThePartitionOut() throws Exception {
    URI url = serve();
    LakeWriter writer =
        new LakeWriter(LakeReads.properties(root), Clock.systemUTC(), emitter(url, 100, 3));

    LakeFile file = LakeReads.writeOrders(writer, "acme", DAY, "cdp.raw.events", "m-", 0, 30);

    await(() -> bodies.size() == 1);
    assertThat(authorizations).containsExactly("Bearer secret-key");
    JsonNode event = TestEvents.CODEC.mapper().readTree(bodies.get(0));
    assertThat(event.path("eventType").asString()).isEqualTo("COMPLETE");
    assertThat(Instant.parse(event.path("eventTime").asString()))
        .isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(UUID.fromString(event.path("run").path("runId").asString())).isNotNull();
    assertThat(event.path("job").path("namespace").asString()).isEqualTo("opencdp");
    assertThat(event.path("job").path("name").asString()).isEqualTo("quality-service.lake-writer");
    assertThat(event.path("producer").asString()).isEqualTo("urn:opencdp:quality-service");
    assertThat(event.path("schemaURL").asString())
        .startsWith("https://openlineage.io/spec/")
        .endsWith("#/definitions/RunEvent");
    assertThat(event.path("inputs")).hasSize(1);
    assertThat(event.path("inputs").get(0).path("namespace").asString())
        .isEqualTo("kafka://" + BOOTSTRAP);
    assertThat(event.path("inputs").get(0).path("name").asString()).isEqualTo("cdp.raw.events");
    JsonNode output = event.path("outputs").get(0);
    assertThat(output.path("namespace").asString())
        .isEqualTo("file://" + root.toAbsolutePath().normalize());
    assertThat(output.path("name").asString())
        .isEqualTo("events/tenant_id=acme/event_date=2026-12-03");
    assertThat(output.path("outputFacets").path("outputStatistics").path("rowCount").asLong())
        .isEqualTo(30);
    assertThat(output.path("outputFacets").path("outputStatistics").path("size").asLong())
        .isPositive();
    assertThat(output.path("facets").path("schema").path("fields").toString())
        .contains("\"name\":\"message_id\"")
        .contains("\"name\":\"event_date\"");
    JsonNode lake = event.path("run").path("facets").path("opencdp_lake");
    assertThat(lake.path("file").asString())
        .isEqualTo(root.toAbsolutePath().normalize().relativize(file.path()).toString());
    assertThat(lake.path("sourceOffsets").toString()).contains("[[0,29]]");
    assertThat(count("sent")).isEqualTo(1);
  }

  @Test
  void postsARunEventForEveryCompactionWithTheMergedFilesIn() throws Exception {
    URI url = serve();
    OpenLineageEmitter listener = emitter(url, 100, 3);
    LakeWriter writer = new LakeWriter(LakeReads.properties(root), Clock.systemUTC(), listener);
    for (int f = 0; f < 8; f++) {
      LakeReads.writeOrders(writer, "acme", DAY, "raw", "m-", f * 10, 10);
    }
    await(() -> bodies.size() == 8);
    List<String> inputs =
        new Lake(LakeReads.properties(root))
            .files(LakeTable.EVENTS, "acme", DAY).stream()
                .map(p -> "events/tenant_id=acme/event_date=2026-12-03/" + p.getFileName())
                .toList();
    Compactor compactor =
        new Compactor(
            new Lake(LakeReads.properties(root)),
            writer,
            new CompactionProperties(
                true,
                Duration.ofSeconds(1),
                8,
                Duration.ZERO,
                DataSize.ofMegabytes(64),
                64,
                Duration.ofMinutes(10)),
            Clock.systemUTC(),
            registry,
            listener);

    LakeFile compacted = compactor.runOnce().get(0);

    await(() -> bodies.size() == 9);
    JsonNode event = TestEvents.CODEC.mapper().readTree(bodies.get(8));
    assertThat(event.path("job").path("name").asString()).isEqualTo("quality-service.compaction");
    assertThat(event.path("eventType").asString()).isEqualTo("COMPLETE");
    assertThat(event.path("inputs").findValuesAsString("name"))
        .containsExactlyInAnyOrderElementsOf(inputs);
    assertThat(event.path("inputs").findValuesAsString("namespace"))
        .containsOnly("file://" + root.toAbsolutePath().normalize());
    assertThat(
            event
                .path("inputs")
                .get(0)
                .path("facets")
                .path("opencdp_lakeFile")
                .path("rows")
                .asLong())
        .isEqualTo(10);
    JsonNode output = event.path("outputs").get(0);
    assertThat(output.path("name").asString())
        .isEqualTo("events/tenant_id=acme/event_date=2026-12-03");
    assertThat(output.path("outputFacets").path("outputStatistics").path("rowCount").asLong())
        .isEqualTo(80);
    assertThat(event.path("run").path("facets").path("opencdp_lake").path("file").asString())
        .endsWith(compacted.path().getFileName().toString());
  }

  @Test
  void anEndpointThatIsDownCostsTheLakeNothingAndItsEventsAreCountedAsDropped() throws Exception {
    URI url = serve();
    server.stop(0); // nothing listens there any more
    server = null;
    LakeWriter writer =
        new LakeWriter(LakeReads.properties(root), Clock.systemUTC(), emitter(url, 100, 2));

    for (int f = 0; f < 3; f++) {
      LakeReads.writeOrders(writer, "acme", DAY, "raw", "m-", f * 10, 10);
    }

    await(() -> count("dropped") == 3);
    assertThat(registry.counter("cdp.lineage.openlineage.failed-attempts").count()).isEqualTo(6);
    assertThat(count("sent")).isZero();
    assertThat(new Lake(LakeReads.properties(root)).files(LakeTable.EVENTS)).hasSize(3);
  }

  @Test
  void aHangingEndpointNeverBlocksTheWriterAndWhatTheQueueCannotHoldIsCountedAsOverflow()
      throws Exception {
    hang = true;
    OpenLineageEmitter listener = emitter(serve(), 2, 1);
    LakeFile file = new LakeFile(root.resolve("x.parquet"), 1, new SourceCoverage());

    long started = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      listener.written(LakeTable.EVENTS, "events/tenant_id=acme/event_date=2026-12-03", file);
    }
    long took = System.nanoTime() - started;

    assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(1));
    // at most one is on the wire, two wait in the queue, the rest overflowed
    assertThat(count("overflow")).isBetween(7.0, 8.0);
    release.countDown();
    await(() -> count("sent") + count("dropped") + count("overflow") == 10);
  }
}
