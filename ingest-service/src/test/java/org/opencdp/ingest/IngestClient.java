package org.opencdp.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.zip.GZIPOutputStream;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for ingest-service in tests: real requests over a real socket, authenticated
 * as the gateway would call the service (the internal token of tenant {@code acme}'s write key).
 */
public final class IngestClient {

  /** Who the tests write as: tenant acme, through a write key of source "web". */
  public static final CallerIdentity WRITER =
      new CallerIdentity("acme", "web", EnumSet.of(Role.WRITE), "web");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final InternalTokenSigner signer;

  public IngestClient(int port, InternalTokenSigner signer) {
    this.base = "http://127.0.0.1:" + port;
    this.signer = signer;
  }

  /** The Authorization header the gateway sends for {@link #WRITER}. */
  public String authorization() {
    return "Bearer " + signer.sign(WRITER);
  }

  public static String basic(String writeKey) {
    return "Basic "
        + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  public HttpResponse<String> post(
      String path, byte[] body, String contentType, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  public static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  public static JsonNode json(byte[] body) {
    return JSON.readTree(body);
  }

  public static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
