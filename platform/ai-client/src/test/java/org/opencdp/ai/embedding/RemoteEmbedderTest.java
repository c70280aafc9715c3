package org.opencdp.ai.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencdp.ai.chat.FakeOpenAi;
import org.opencdp.ai.chat.ModelCalls;
import org.opencdp.ai.chat.ResilienceProperties;

/** Remote embeddings against a real OpenAI-compatible HTTP server. */
class RemoteEmbedderTest {

  @Test
  void embedsABatchInOneCallAndRetriesAThrottledOne() throws Exception {
    try (FakeOpenAi server = new FakeOpenAi()) {
      server.then(new FakeOpenAi.Status(429, "0.2"));
      EmbeddingProperties properties =
          new EmbeddingProperties(
              server.baseUrl(), "test-embed", "k", Duration.ofSeconds(2), Path.of("target/djl"));
      RemoteEmbedder embedder =
          new RemoteEmbedder(properties, new ModelCalls(ResilienceProperties.defaults()));

      List<float[]> vectors = embedder.embedAll(List.of("abc", "hello"));

      assertThat(vectors).hasSize(2);
      assertThat(vectors.get(0)).containsExactly(3f, 1f, 0.5f);
      assertThat(vectors.get(1)[0]).isEqualTo(5f);
      assertThat(server.embeddingRequests()).isEqualTo(2);
      assertThat(embedder.dimensions()).isEqualTo(3);
      assertThat(embedder.id()).isEqualTo("remote:test-embed");
      assertThat(Embedders.single(embedder).forText("中文", null)).isSameAs(embedder);
    }
  }
}
