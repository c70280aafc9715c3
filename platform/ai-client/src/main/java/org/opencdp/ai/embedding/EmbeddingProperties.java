package org.opencdp.ai.embedding;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which embedder turns text into vectors ({@code cdp.ai.embeddings.*}).
 *
 * @param baseUrl an OpenAI-compatible endpoint including {@code /v1}; empty (the default) means the
 *     in-process models (MiniLM for English, bge-small-zh for Chinese)
 * @param model the remote model name
 * @param apiKey the remote key; by default from {@code CDP_AI_API_KEY}
 * @param timeout the longest one remote call may take
 * @param cacheDir where DJL unpacks its tokenizer library (never the home directory)
 */
@ConfigurationProperties("cdp.ai.embeddings")
public record EmbeddingProperties(
    @DefaultValue("") String baseUrl,
    @DefaultValue("text-embedding-3-small") String model,
    @DefaultValue("") String apiKey,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("./data/cache/djl") Path cacheDir) {

  public boolean remote() {
    return baseUrl != null && !baseUrl.isBlank();
  }
}
