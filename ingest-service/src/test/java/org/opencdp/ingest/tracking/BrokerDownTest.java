package org.opencdp.ingest.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opencdp.ingest.IngestClient;
import org.opencdp.testkit.Infrastructure;
import org.opencdp.testkit.KafkaBroker;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** When Kafka cannot take a write, the client hears 503 with Retry-After, fast, never a 200. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"cdp.ingest.ack-timeout=3s", "logging.level.org.apache.kafka=WARN"})
class BrokerDownTest {

  static final KafkaBroker broker = Infrastructure.dedicatedKafka();

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    registry.add("cdp.data-dir", () -> "target/test-data");
  }

  @AfterAll
  static void closeBroker() {
    broker.close();
  }

  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Autowired
  org.opencdp.servicekit.auth.InternalTokenSigner signer;

  @Test
  void answers503WithRetryAfterWithinTheAckTimeoutWhenTheBrokerIsDown() {
    IngestClient client = new IngestClient(port, signer);
    assertThat(client.post("/v1/identify", "{\"userId\":\"before\"}").statusCode()).isEqualTo(200);

    broker.stop();
    for (String path : new String[] {"/v1/identify", "/v1/batch"}) {
      String body =
          path.equals("/v1/batch")
              ? "{\"batch\":[{\"type\":\"identify\",\"userId\":\"after\"}]}"
              : "{\"userId\":\"after\"}";
      long start = System.nanoTime();
      HttpResponse<String> response = client.post(path, body);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After"))
          .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
      JsonNode problem = IngestClient.json(response.body());
      assertThat(problem.path("code").asString()).isEqualTo("broker-unavailable");
      assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
  }
}
