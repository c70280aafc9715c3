package org.opencdp.ingest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.testkit.ConsumedRecord;
import org.opencdp.testkit.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * ingest-service on a random port against the shared real broker, with topics of its own; every
 * test class extending this shares one running service.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cdp.ingest.import-chunk=200", "logging.level.org.apache.kafka=WARN"})
public abstract class IngestServiceTest {

  protected static final String RAW = "it.raw." + UUID.randomUUID();
  protected static final String QUARANTINE = "it.quarantine." + UUID.randomUUID();
  protected static final String DOCUMENTS = "it.documents." + UUID.randomUUID();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    Infrastructure.registerKafka(registry);
    registry.add("cdp.kafka.topics.raw-events", () -> RAW);
    registry.add("cdp.kafka.topics.quarantine-events", () -> QUARANTINE);
    registry.add("cdp.kafka.topics.raw-documents", () -> DOCUMENTS);
    registry.add("cdp.data-dir", () -> "target/test-data");
  }

  @LocalServerPort protected int port;
  @Autowired protected InternalTokenSigner signer;

  protected IngestClient client() {
    return new IngestClient(port, signer);
  }

  /** The records on {@code topic} that mention {@code marker}, waiting until {@code expected}. */
  protected static List<JsonNode> recordsWith(String topic, String marker, int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<JsonNode> found = List.of();
    while (System.nanoTime() < deadline) {
      found =
          Infrastructure.kafka().readAll(topic, Duration.ofSeconds(5)).stream()
              .map(ConsumedRecord::value)
              .map(IngestClient::json)
              .filter(e -> e.toString().contains(marker))
              .toList();
      if (found.size() >= expected) {
        return found;
      }
    }
    return found;
  }
}
