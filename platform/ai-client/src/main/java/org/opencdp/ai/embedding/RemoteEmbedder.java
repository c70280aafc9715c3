package org.opencdp.ai.embedding;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencdp.ai.chat.ModelCallFailed;
import org.opencdp.ai.chat.ModelCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Embeddings from an OpenAI-compatible {@code POST {base-url}/embeddings}, every call through
 * {@link ModelCalls} (retries on 429/5xx honouring Retry-After, breaker, bulkhead).
 */
public final class RemoteEmbedder implements Embedder {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final EmbeddingProperties properties;
  private final ModelCalls calls;
  private final HttpClient http;
  private volatile int dimensions;

  public RemoteEmbedder(EmbeddingProperties properties, ModelCalls calls) {
    this.properties = properties;
    this.calls = calls;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  @Override
  public String id() {
    return "remote:" + properties.model();
  }

  /** Known after the first call (the endpoint decides). */
  @Override
  public int dimensions() {
    if (dimensions == 0) {
      embed("dimensions");
    }
    return dimensions;
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    return calls.call("embeddings", () -> post(texts));
  }

  private List<float[]> post(List<String> texts) {
    String base = properties.baseUrl().replaceAll("/+$", "");
    byte[] body = JSON.writeValueAsBytes(Map.of("model", properties.model(), "input", texts));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/embeddings"))
            .timeout(properties.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!properties.apiKey().isBlank()) {
      request.header("Authorization", "Bearer " + properties.apiKey());
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      throw new ModelCallFailed(0, null, "embeddings endpoint unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelCallFailed(0, null, "interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new ModelCallFailed(
          response.statusCode(),
          response.headers().firstValue("Retry-After").orElse(null),
          "embeddings answered " + response.statusCode(),
          null);
    }
    return vectors(JSON.readTree(new String(response.body(), StandardCharsets.UTF_8)));
  }

  private List<float[]> vectors(JsonNode root) {
    List<float[]> out = new ArrayList<>();
    for (JsonNode item : root.path("data")) {
      JsonNode values = item.path("embedding");
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) values.get(i).asDouble();
      }
      dimensions = v.length;
      out.add(v);
    }
    return out;
  }
}
