package org.opencdp.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A real downstream for tests: answers every request 200 and records what it received; a path
 * ending in {@code /slow} is answered only after 5 s.
 */
public final class RecordingServer implements AutoCloseable {

  /** One request as the downstream saw it. */
  public record Received(
      String method, String path, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final LinkedBlockingDeque<Received> received = new LinkedBlockingDeque<>();

  public RecordingServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    // One thread per request: a slow answer must not hold up the next test's requests.
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    // recorded on arrival: recorded after the slow answer's sleep, it would turn up in the queue
    // of whichever test runs next, as a request that test never made
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    if (exchange.getRequestURI().getPath().endsWith("/slow")) {
      try {
        Thread.sleep(5000); // longer than the tests' read timeout
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next request received, waiting up to 5 s for it. */
  public Received next() throws InterruptedException {
    Received r = received.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("The downstream received no request");
    }
    return r;
  }

  public void clear() {
    received.clear();
  }

  public int count() {
    return received.size();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
