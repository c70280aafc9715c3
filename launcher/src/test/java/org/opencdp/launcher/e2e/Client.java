package org.opencdp.launcher.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A plain java.net.http client of the gateway's public API, as an application would use it. */
final class Client {

  static final ObjectMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String gateway;
  // answers retried, by status (0: the connection broke): what a client saw of an outage
  private final Map<Integer, AtomicInteger> retried = new ConcurrentSkipListMap<>();

  Client(String gateway) {
    this.gateway = gateway;
  }

  static String basic(String writeKey) {
    return "Basic "
        + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  static String bearer(String secretKey) {
    return "Bearer " + secretKey;
  }

  HttpResponse<String> post(String path, String authorization, Object body) throws Exception {
    String json = body instanceof String text ? text : JSON.writeValueAsString(body);
    return send(
        request(path, authorization).POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpResponse<String> put(String path, String authorization, Object body) throws Exception {
    return send(
        request(path, authorization)
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  HttpResponse<String> get(String path, String authorization) throws Exception {
    return send(request(path, authorization).GET().build());
  }

  /** POST, retrying 429 and 5xx after {@code Retry-After} (and lost connections) until 2xx/4xx. */
  HttpResponse<String> postRetrying(String path, String authorization, Object body, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      HttpResponse<String> response = null;
      try {
        response = post(path, authorization, body);
        if (response.statusCode() != 429 && response.statusCode() < 500) {
          return response;
        }
      } catch (IOException e) {
        // the connection broke: the event may or may not be in; its messageId makes a retry safe
      }
      retried
          .computeIfAbsent(response == null ? 0 : response.statusCode(), k -> new AtomicInteger())
          .incrementAndGet();
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "still refused after "
                + within
                + ": "
                + (response == null ? "no answer" : describe(response)));
      }
      Thread.sleep(retryAfterMillis(response));
    }
  }

  /** How many answers were retried so far, by status (0: no answer, the connection broke). */
  Map<Integer, Integer> retries() {
    Map<Integer, Integer> copy = new TreeMap<>();
    retried.forEach((status, n) -> copy.put(status, n.get()));
    return copy;
  }

  /** SQL through /v1/query/sql; the answer's JSON, failing on anything but 200. */
  JsonNode sql(String secretKey, String sql) throws Exception {
    HttpResponse<String> response =
        postRetrying(
            "/v1/query/sql",
            bearer(secretKey),
            JSON.createObjectNode().put("sql", sql),
            Duration.ofSeconds(60));
    if (response.statusCode() != 200) {
      throw new AssertionError(sql + " -> " + describe(response));
    }
    return JSON.readTree(response.body());
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  static String describe(HttpResponse<String> response) {
    return response.request().method()
        + " "
        + response.uri().getPath()
        + " -> "
        + response.statusCode()
        + " "
        + response.body();
  }

  /** Calls {@code probe} every {@code every} until it passes or {@code within} runs out. */
  static <T> T poll(Duration within, Duration every, Probe<T> probe, Predicate<T> done, String what)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " not reached within " + within + "; last: " + last);
      }
      Thread.sleep(every.toMillis());
      last = probe.get();
    }
    return last;
  }

  /** One probe of {@link #poll}. */
  interface Probe<T> {
    T get() throws Exception;
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(gateway + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
    return authorization == null ? builder : builder.header("Authorization", authorization);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static long retryAfterMillis(HttpResponse<String> response) {
    if (response == null) {
      return 500;
    }
    long seconds =
        response
            .headers()
            .firstValue("Retry-After")
            .map(
                v -> {
                  try {
                    return Long.parseLong(v.strip());
                  } catch (NumberFormatException e) {
                    return 1L;
                  }
                })
            .orElse(1L);
    return Math.max(200, Math.min(seconds, 10) * 1000);
  }
}
