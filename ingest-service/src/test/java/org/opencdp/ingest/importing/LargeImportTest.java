package org.opencdp.ingest.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.opencdp.ingest.IngestApplication;
import org.opencdp.ingest.IngestClient;
import org.opencdp.servicekit.auth.AuthProperties;
import org.opencdp.servicekit.auth.InternalTokenKeys;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.testkit.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * A multi-hundred-megabyte NDJSON import into ingest-service running in its own JVM with a 128 MB
 * heap: the import streams, so it completes, and every line lands in Kafka exactly once.
 */
class LargeImportTest {

  static final long MEGABYTES = Long.getLong("cdp.test.large-import-mb", 256);
  static final String HEAP = "-Xmx128m";

  @Test
  void importsAFileFarLargerThanTheHeap() throws Exception {
    String topic = "it.large-import." + UUID.randomUUID();
    Infrastructure.kafka().createTopics(3, topic);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createDirectories(Path.of("target")).resolve("large-import-service.log");
    // The child service verifies with the key in its data dir; the test signs as the gateway does.
    InternalTokenSigner signer =
        new InternalTokenSigner(
            InternalTokenKeys.loadOrCreate(Path.of("target/test-data/keys/internal-token.jwk")),
            AuthProperties.DEFAULT_ISSUER,
            AuthProperties.DEFAULT_AUDIENCE,
            Duration.ofMinutes(15),
            java.time.Clock.systemUTC());
    Process service =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp",
                System.getProperty("java.class.path"),
                IngestApplication.class.getName(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + Infrastructure.kafka().bootstrapServers(),
                "--cdp.kafka.topics.raw-events=" + topic,
                "--cdp.kafka.create-topics=false",
                "--cdp.data-dir=target/test-data")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      awaitHealthy(port, service);
      long lines = linesFor(MEGABYTES * 1024 * 1024);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/import"))
              .timeout(Duration.ofMinutes(10))
              .header("Authorization", "Bearer " + signer.sign(IngestClient.WRITER))
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedNdjson(lines)))
              .build();
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode report = IngestClient.json(response.body());
      System.out.println("large import with " + HEAP + ": " + report);
      assertThat(report.path("bytes").asLong()).isGreaterThan(MEGABYTES * 1024 * 1024 - 1024);
      assertThat(report.path("accepted").asLong()).isEqualTo(lines);
      assertThat(report.path("quarantined").asLong()).isZero();
      assertThat(endOffsets(topic)).isEqualTo(lines);
      assertThat(service.isAlive()).as("the service survived with " + HEAP).isTrue();
    } finally {
      service.destroy();
      service.waitFor();
    }
  }

  private static void awaitHealthy(int port, Process service) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(service.isAlive()).as("ingest-service exited during start").isTrue();
      try {
        HttpResponse<Void> health =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("ingest-service did not become healthy in 90 s");
  }

  private static long linesFor(long bytes) {
    return bytes / GeneratedNdjson.line(0).length + 1;
  }

  private static long endOffsets(String topic) {
    Properties props = new Properties();
    props.put("bootstrap.servers", Infrastructure.kafka().bootstrapServers());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      return ends.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** NDJSON generated on the fly: a realistic order event per line, never held in memory. */
  static final class GeneratedNdjson extends InputStream {
    private final long lines;
    private long next;
    private byte[] current = new byte[0];
    private int pos;

    GeneratedNdjson(long lines) {
      this.lines = lines;
    }

    static byte[] line(long i) {
      return ("{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"user-%09d\","
              + "\"messageId\":\"bulk-%012d\",\"timestamp\":\"2026-11-30T10:00:00Z\","
              + "\"properties\":{\"order_id\":\"o-%012d\",\"revenue\":%d.%02d,\"currency\":\"EUR\","
              + "\"product_id\":\"p-%05d\",\"category\":\"shoes\",\"quantity\":%d},"
              + "\"context\":{\"channel\":\"web\",\"locale\":\"de-DE\"}}\n")
          .formatted(i % 20_000, i, i, i % 500, i % 100, i % 500, 1 + i % 3)
          .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == current.length) {
        if (next == lines) {
          return -1;
        }
        current = line(next++);
        pos = 0;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
