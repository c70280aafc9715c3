package org.opencdp.quality.lineage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.opencdp.event.lake.LakeColumn;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.lake.CompactedInput;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.LakeListener;
import org.opencdp.quality.lake.SourcePartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends an OpenLineage {@code RunEvent} (eventType {@code COMPLETE}) for every lake file the intake
 * writes (job {@code quality-service.lake-writer}: the Kafka topics its rows came from in, the
 * partition out) and every compaction (job {@code quality-service.compaction}: the merged files in,
 * the partition out). The writing thread only puts the event on a bounded queue (and counts it as
 * overflow when the queue is full); one daemon thread builds and POSTs it, retrying with doubling
 * backoff, and counts it as dropped once every attempt failed. Delivery never blocks or slows the
 * lake; events still queued when the process ends are lost.
 */
public final class OpenLineageEmitter implements LakeListener, AutoCloseable {

  static final String SCHEMA_URL =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent";
  static final String SCHEMA_FACET_URL =
      "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
  static final String OUTPUT_STATISTICS_URL =
      "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json"
          + "#/$defs/OutputStatisticsOutputDatasetFacet";
  static final String LAKE_WRITER_JOB = "quality-service.lake-writer";
  static final String COMPACTION_JOB = "quality-service.compaction";

  private static final Logger log = LoggerFactory.getLogger(OpenLineageEmitter.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final OpenLineageProperties properties;
  private final URI url;
  private final String lakeNamespace;
  private final String kafkaNamespace;
  private final Path root;
  private final Clock clock;
  private final HttpClient http;
  private final BlockingQueue<Supplier<String>> queue;
  private final Counter sent;
  private final Counter dropped;
  private final Counter overflow;
  private final Counter failedAttempts;
  private final Thread sender;
  private volatile boolean running = true;

  /**
   * @param root the lake root: datasets are named in namespace {@code file://<root>}
   * @param bootstrapServers Kafka's: topics are named in namespace {@code kafka://<servers>}
   */
  public OpenLineageEmitter(
      OpenLineageProperties properties,
      Path root,
      String bootstrapServers,
      Clock clock,
      MeterRegistry registry) {
    if (properties.url() == null) {
      throw new IllegalArgumentException("cdp.lineage.openlineage.url is not set");
    }
    this.properties = properties;
    this.url = properties.url();
    this.root = root.toAbsolutePath().normalize();
    this.lakeNamespace = "file://" + this.root;
    this.kafkaNamespace = "kafka://" + bootstrapServers.strip();
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
    String name = "cdp.lineage.openlineage.events";
    this.sent = Counter.builder(name).tag("outcome", "sent").register(registry);
    this.dropped = Counter.builder(name).tag("outcome", "dropped").register(registry);
    this.overflow = Counter.builder(name).tag("outcome", "overflow").register(registry);
    this.failedAttempts =
        Counter.builder("cdp.lineage.openlineage.failed-attempts").register(registry);
    this.sender = new Thread(this::deliver, "openlineage-sender");
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public void written(LakeTable table, String partition, LakeFile file) {
    String eventTime = clock.instant().toString();
    enqueue(() -> writtenEvent(table, partition, file, eventTime));
  }

  @Override
  public void compacted(
      LakeTable table,
      String partition,
      LakeFile file,
      List<CompactedInput> inputs,
      Duration took) {
    String eventTime = clock.instant().toString();
    enqueue(() -> compactedEvent(table, partition, file, inputs, took, eventTime));
  }

  private void enqueue(Supplier<String> event) {
    if (!running || !queue.offer(event)) {
      overflow.increment();
    }
  }

  String writtenEvent(LakeTable table, String partition, LakeFile file, String eventTime) {
    ObjectNode event = runEvent(LAKE_WRITER_JOB, eventTime, file);
    ArrayNode inputs = event.putArray("inputs");
    TreeSet<String> topics = new TreeSet<>();
    for (SourcePartition source : file.coverage().partitions().keySet()) {
      topics.add(source.topic());
    }
    for (String topic : topics) {
      inputs.addObject().put("namespace", kafkaNamespace).put("name", topic);
    }
    event.putArray("outputs").add(output(table, partition, file));
    return JSON.writeValueAsString(event);
  }

  String compactedEvent(
      LakeTable table,
      String partition,
      LakeFile file,
      List<CompactedInput> merged,
      Duration took,
      String eventTime) {
    ObjectNode event = runEvent(COMPACTION_JOB, eventTime, file);
    ((ObjectNode) event.path("run").path("facets").path("opencdp_lake"))
        .put("durationMs", took.toMillis());
    ArrayNode inputs = event.putArray("inputs");
    for (CompactedInput input : merged) {
      ObjectNode dataset =
          inputs
              .addObject()
              .put("namespace", lakeNamespace)
              .put("name", partition + "/" + input.name());
      ObjectNode facet = dataset.putObject("facets").putObject("opencdp_lakeFile");
      facet.put("_producer", properties.producer().toString());
      facet.put("_schemaURL", properties.producer() + "#/facets/opencdp_lakeFile");
      facet.put("rows", input.rows());
      if (input.writtenAt() != null) {
        facet.put("writtenAt", input.writtenAt());
      }
    }
    event.putArray("outputs").add(output(table, partition, file));
    return JSON.writeValueAsString(event);
  }

  private ObjectNode runEvent(String job, String eventTime, LakeFile file) {
    ObjectNode event = NODES.objectNode();
    event.put("eventType", "COMPLETE");
    event.put("eventTime", eventTime);
    ObjectNode run = event.putObject("run");
    run.put("runId", UUID.randomUUID().toString());
    ObjectNode lake = run.putObject("facets").putObject("opencdp_lake");
    lake.put("_producer", properties.producer().toString());
    lake.put("_schemaURL", properties.producer() + "#/facets/opencdp_lake");
    lake.put("file", root.relativize(file.path().toAbsolutePath().normalize()).toString());
    lake.put("rows", file.rows());
    lake.set("sourceOffsets", JSON.readTree(file.coverage().toJson()));
    event.putObject("job").put("namespace", properties.namespace()).put("name", job);
    event.put("producer", properties.producer().toString());
    event.put("schemaURL", SCHEMA_URL);
    return event;
  }

  private ObjectNode output(LakeTable table, String partition, LakeFile file) {
    ObjectNode dataset = NODES.objectNode().put("namespace", lakeNamespace).put("name", partition);
    ObjectNode schema = dataset.putObject("facets").putObject("schema");
    schema.put("_producer", properties.producer().toString());
    schema.put("_schemaURL", SCHEMA_FACET_URL);
    ArrayNode fields = schema.putArray("fields");
    for (LakeColumn column : table.columns()) {
      fields
          .addObject()
          .put("name", column.name())
          .put("type", column.type().name().toLowerCase(java.util.Locale.ROOT));
    }
    ObjectNode statistics = dataset.putObject("outputFacets").putObject("outputStatistics");
    statistics.put("_producer", properties.producer().toString());
    statistics.put("_schemaURL", OUTPUT_STATISTICS_URL);
    statistics.put("rowCount", file.rows());
    try {
      statistics.put("size", Files.size(file.path()));
    } catch (IOException e) {
      // compacted away already: the size is optional
    }
    return dataset;
  }

  private void deliver() {
    while (running || !queue.isEmpty()) {
      Supplier<String> next;
      try {
        next = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (next == null) {
        continue;
      }
      String body;
      try {
        body = next.get();
      } catch (RuntimeException e) {
        log.warn("Could not build an OpenLineage event: {}", e.toString());
        dropped.increment();
        continue;
      }
      if (send(body)) {
        sent.increment();
      } else {
        dropped.increment();
      }
    }
  }

  private boolean send(String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(properties.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!properties.apiKey().isBlank()) {
      request.header("Authorization", "Bearer " + properties.apiKey());
    }
    long backoff = properties.backoff().toMillis();
    for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
      String failure;
      try {
        HttpResponse<Void> response =
            http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return true;
        }
        failure = "HTTP " + response.statusCode();
      } catch (IOException e) {
        failure = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      failedAttempts.increment();
      if (attempt == properties.maxAttempts()) {
        log.warn("Dropped an OpenLineage event after {} attempts to {}: {}", attempt, url, failure);
        return false;
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff = Math.min(backoff * 2, 60_000);
    }
    return false;
  }

  /** Events still waiting for delivery. */
  int queued() {
    return queue.size();
  }

  /** Stops taking events and gives queued ones a moment to go out. */
  @Override
  public void close() {
    running = false;
    try {
      sender.join(properties.timeout().toMillis() + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.interrupt();
  }
}
