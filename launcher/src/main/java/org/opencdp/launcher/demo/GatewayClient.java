package org.opencdp.launcher.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to the gateway's public ingest API with a write key (HTTP Basic, empty password), retrying
 * 429 and 503 after the {@code Retry-After} the gateway names, and connection failures with
 * backoff.
 */
public final class GatewayClient {

  /** The gateway refused a request for good (a 4xx other than 429, or retries ran out). */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private static final int ATTEMPTS = 12;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final URI base;
  private final String authorization;
  private final Duration maxWait;

  public GatewayClient(URI base, String writeKey, Duration maxWait) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.base = base;
    this.authorization =
        "Basic "
            + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    this.maxWait = maxWait;
  }

  /** Posts the body and answers the response's JSON; retries what can be retried. */
  public JsonNode post(String path, byte[] body) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Duration wait;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return response.body().isBlank()
              ? JSON.createObjectNode()
              : JSON.readTree(response.body());
        }
        last = status + " " + response.body();
        if (status != 429 && status != 503 && status / 100 != 5) {
          throw new Refused("POST " + path + " answered " + last);
        }
        wait = retryAfter(response).orElse(backoff(attempt));
      } catch (IOException e) {
        last = e.toString();
        wait = backoff(attempt);
      }
      Thread.sleep(Math.min(wait.toMillis(), maxWait.toMillis()));
    }
    throw new Refused("POST " + path + " failed " + ATTEMPTS + " times, last: " + last);
  }

  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  private static Duration backoff(int attempt) {
    return Duration.ofMillis(Math.min(10_000, 250L << Math.min(attempt, 6)));
  }
}
