package org.opencdp.ingest.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opencdp.ingest.IngestClient;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.testkit.Infrastructure;
import org.opencdp.testkit.KafkaBroker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An import that loses the broker part-way answers 503 and says how far it got: the lines of the
 * chunks acknowledged before are kept, and the client is told to resend from the next one.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cdp.ingest.ack-timeout=3s",
      "cdp.ingest.import-chunk=10",
      "logging.level.org.apache.kafka=ERROR"
    })
class ImportBrokerLossTest {

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
  @Autowired InternalTokenSigner signer;

  @Test
  void saysWhichLinesWereAcceptedWhenTheBrokerGoesAwayMidImport() throws IOException {
    IngestClient client = new IngestClient(port, signer);
    String id = "broker-loss-1";
    // A socket of its own, so the test decides when each part of the chunked body leaves: the
    // first chunk of 10 lines is acknowledged, then the broker stops before the last 5 lines.
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/import?importId="
                  + id
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: "
                  + client.authorization()
                  + "\r\n"
                  + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      writeChunk(out, lines(1, 10));
      awaitAccepted(client, id, 10);
      broker.stop();
      writeChunk(out, lines(11, 15));
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      // the answer is chunked too: its one JSON object sits between the chunk-size lines
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(response).startsWith("HTTP/1.1 503");
      JsonNode problem =
          IngestClient.json(
              response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1));
      assertThat(problem.path("code").asString()).isEqualTo("broker-unavailable");
      assertThat(problem.path("acceptedThroughLine").asLong()).isEqualTo(10);
      assertThat(problem.path("importId").asString()).isEqualTo(id);
      assertThat(problem.path("detail").asString())
          .contains("lines 1 to 10 were accepted")
          .contains("resend from line 11")
          .doesNotContain("nothing was accepted");
    }
  }

  private static void writeChunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static byte[] lines(int from, int to) {
    StringBuilder ndjson = new StringBuilder();
    for (int i = from; i <= to; i++) {
      ndjson.append("{\"type\":\"track\",\"event\":\"Imported\",\"userId\":\"u").append(i);
      ndjson.append("\",\"messageId\":\"loss-").append(i).append("\"}\n");
    }
    return ndjson.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void awaitAccepted(IngestClient client, String id, long lines) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> progress =
          client.send(
              client
                  .request("/v1/import/" + id)
                  .header("Authorization", client.authorization())
                  .GET()
                  .build());
      if (progress.statusCode() == 200
          && IngestClient.json(progress.body()).path("acceptedThroughLine").asLong() >= lines) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the import never reported " + lines + " accepted lines");
  }
}
