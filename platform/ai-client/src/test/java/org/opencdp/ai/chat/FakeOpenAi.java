package org.opencdp.ai.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OpenAI-compatible HTTP server for tests: chat completions (plain JSON or SSE stream) and
 * embeddings, answering each request with the next scripted behaviour (a 429 with Retry-After, a
 * 500, a reply slower than the client's timeout, or a completion).
 */
public final class FakeOpenAi implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the server does with one request. */
  public sealed interface Reply {}

  public record Ok(String content) implements Reply {}

  public record Status(int status, String retryAfter) implements Reply {}

  public record Slow(long millis, String content) implements Reply {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger chatRequests = new AtomicInteger();
  private final AtomicInteger embeddingRequests = new AtomicInteger();
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private volatile Reply otherwise = new Ok("ok");

  public FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", this::chat);
    server.createContext("/v1/embeddings", this::embeddings);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Replies for the next requests, in order; after them {@link #otherwise(Reply)}. */
  public FakeOpenAi then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  public FakeOpenAi otherwise(Reply reply) {
    otherwise = reply;
    return this;
  }

  public int chatRequests() {
    return chatRequests.get();
  }

  public int embeddingRequests() {
    return embeddingRequests.get();
  }

  public List<String> bodies() {
    return List.copyOf(bodies);
  }

  private Reply next() {
    Reply r = script.poll();
    return r == null ? otherwise : r;
  }

  private void chat(HttpExchange exchange) throws IOException {
    chatRequests.incrementAndGet();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    bodies.add(body);
    boolean stream = JSON.readTree(body).path("stream").asBoolean(false);
    Reply reply = next();
    if (reply instanceof Status s) {
      status(exchange, s);
    } else if (reply instanceof Slow s) {
      sleep(s.millis());
      completion(exchange, s.content(), stream);
    } else {
      completion(exchange, ((Ok) reply).content(), stream);
    }
  }

  private void status(HttpExchange exchange, Status s) throws IOException {
    if (s.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", s.retryAfter());
    }
    String type = s.status() == 429 ? "rate_limit_exceeded" : "server_error";
    send(
        exchange,
        s.status(),
        "application/json",
        "{\"error\":{\"message\":\"scripted " + s.status() + "\",\"type\":\"" + type + "\"}}");
  }

  private void completion(HttpExchange exchange, String content, boolean stream)
      throws IOException {
    if (!stream) {
      String json =
          "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
              + "\"model\":\"test-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
              + "\"assistant\",\"content\":"
              + JSON.writeValueAsString(content)
              + "},\"finish_reason\":\"stop\"}],"
              + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}";
      send(exchange, 200, "application/json", json);
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      int half = content.length() / 2;
      for (String piece : List.of(content.substring(0, half), content.substring(half))) {
        event(out, chunk("{\"content\":" + JSON.writeValueAsString(piece) + "}", null, ""));
      }
      event(out, chunk("{}", "\"stop\"", ""));
      event(
          out,
          "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
              + "\"model\":\"test-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
              + "\"completion_tokens\":5,\"total_tokens\":17}}");
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String chunk(String delta, String finish, String extra) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
        + "\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finish
        + "}]"
        + extra
        + "}";
  }

  private static void event(OutputStream out, String json) throws IOException {
    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void embeddings(HttpExchange exchange) throws IOException {
    embeddingRequests.incrementAndGet();
    var request = JSON.readTree(exchange.getRequestBody().readAllBytes());
    Reply reply = next();
    if (reply instanceof Status s) {
      status(exchange, s);
      return;
    }
    StringBuilder data = new StringBuilder();
    int i = 0;
    for (var input : request.path("input")) {
      String text = input.asString();
      data.append(i == 0 ? "" : ",")
          .append("{\"object\":\"embedding\",\"index\":")
          .append(i++)
          .append(",\"embedding\":[")
          .append(text.length())
          .append(",1.0,0.5]}");
    }
    send(
        exchange,
        200,
        "application/json",
        "{\"object\":\"list\",\"data\":["
            + data
            + "],\"model\":\"test-embed\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}");
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
