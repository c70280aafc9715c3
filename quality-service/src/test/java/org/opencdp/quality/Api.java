package org.opencdp.quality;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import tools.jackson.databind.JsonNode;

/** The service's HTTP API as the gateway calls it: real requests with an internal token. */
public final class Api {

  /** A response: status and body, parsed when JSON. */
  public record Response(int status, String body, String contentType) {
    public JsonNode json() {
      return TestEvents.CODEC.mapper().readTree(body);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  private Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public static Api as(
      int port, InternalTokenSigner signer, String tenant, String keyId, Role... roles) {
    return new Api(
        "http://127.0.0.1:" + port,
        signer.sign(new CallerIdentity(tenant, keyId, Set.of(roles), null)));
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path, String json) {
    return send(body(path, json).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(String path, String json) {
    return send(body(path, json).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  private HttpRequest.Builder body(String path, String json) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json");
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.header("Authorization", "Bearer " + token).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
