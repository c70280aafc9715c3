package org.opencdp.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The loader against a real HTTP server that answers like the gateway's ingest API. */
class DemoLoaderTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String WRITE_KEY = "cdp_wk_test";

  private HttpServer server;
  private final AtomicInteger batchRequests = new AtomicInteger();
  private final AtomicLong events = new AtomicLong();
  private final List<String> documents = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  @BeforeEach
  void gateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/batch", this::batch);
    server.createContext("/v1/documents", this::document);
    server.createContext(
        "/v1/track", exchange -> answer(exchange, 400, "{\"code\":\"json_malformed\"}"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void loadsEveryEventInBoundedBatchesRetryingAfterA503() throws Exception {
    DemoGenerator generator = new DemoGenerator(DemoSpec.small());
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    DemoLoader.Result result =
        new DemoLoader(client(), new PrintStream(progress, true, StandardCharsets.UTF_8), 2)
            .load(generator);

    GroundTruthRecorder truth = generator.groundTruth();
    assertThat(problems).isEmpty();
    assertThat(result.events())
        .isEqualTo(truth.events() + truth.invalidEvents())
        .isEqualTo(events.get());
    assertThat(result.quarantined()).isEqualTo(truth.invalidEvents());
    assertThat(batchRequests.get()).isEqualTo(result.batches() + 1); // the first answered 503
    assertThat(documents)
        .hasSize((int) result.documents())
        .contains(truth.toJson().at("/regionalCollapse/documentId").asString());
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("100% day 30/30");
  }

  @Test
  void aClientErrorIsNotRetriedAndNamesTheAnswer() {
    assertThatThrownBy(() -> client().post("/v1/track", "{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GatewayClient.Refused.class)
        .hasMessageContaining("400")
        .hasMessageContaining("json_malformed");
  }

  private GatewayClient client() {
    return new GatewayClient(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        WRITE_KEY,
        Duration.ofSeconds(2));
  }

  private void batch(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (batchRequests.incrementAndGet() == 1) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      answer(exchange, 503, "{\"code\":\"kafka_unavailable\"}");
      return;
    }
    check(exchange, body);
    JsonNode batch = JSON.readTree(body).get("batch");
    ObjectNode response = JSON.createObjectNode().put("success", true);
    ArrayNode quarantined = response.putArray("quarantined");
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i).get("messageId").asString().contains("-bad-")) {
        quarantined.addObject().put("index", i);
      }
      if (batch.get(i).toString().getBytes(StandardCharsets.UTF_8).length > 32 * 1024) {
        problems.add("event over 32 KB");
      }
    }
    events.addAndGet(batch.size());
    answer(exchange, 200, response.toString());
  }

  private void document(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    check(exchange, body);
    String id = JSON.readTree(body).get("documentId").asString();
    documents.add(id);
    answer(exchange, 202, "{\"documentId\":\"" + id + "\"}");
  }

  private void check(HttpExchange exchange, byte[] body) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      problems.add("bad authorization " + exchange.getRequestHeaders().getFirst("Authorization"));
    }
    if (body.length > 500 * 1024) {
      problems.add("body of " + body.length + " bytes");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
