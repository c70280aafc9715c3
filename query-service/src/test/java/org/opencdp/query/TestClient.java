package org.opencdp.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls query-service over real HTTP with a signed internal token, as the gateway does. */
public record TestClient(int port, InternalTokenSigner signer) {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public String token(String tenant, Role... roles) {
    return signer.sign(new CallerIdentity(tenant, "key-1", Set.of(roles), null));
  }

  public HttpResponse<String> sql(String tenant, String body) {
    return post(token(tenant, Role.ANALYST), body, "application/json");
  }

  public HttpResponse<String> post(String token, String body, String accept) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/query/sql"))
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  public HttpResponse<String> get(String tenant, String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token(tenant, Role.ANALYST))
            .build());
  }

  /** The JSON body of a SQL request, with the SQL escaped. */
  public static String body(String sql, String... extra) {
    StringBuilder body = new StringBuilder("{\"sql\":").append(JSON.writeValueAsString(sql));
    for (String member : extra) {
      body.append(',').append(member);
    }
    return body.append('}').toString();
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
