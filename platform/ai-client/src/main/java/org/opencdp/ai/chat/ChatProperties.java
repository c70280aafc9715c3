package org.opencdp.ai.chat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenAI-compatible chat endpoint ({@code cdp.ai.chat.*}). With {@code base-url} empty (the
 * local default) no model is called and answers come from the offline answerer.
 *
 * @param baseUrl the endpoint including {@code /v1}, e.g. {@code http://localhost:11434/v1}
 * @param model the model name sent with every request
 * @param apiKey the key; when empty, the environment variable {@code CDP_AI_API_KEY}
 * @param timeout the longest one call may take before it counts as failed
 * @param maxTokens the most completion tokens one answer may use
 * @param temperature sampling temperature; low, answers should stick to the sources
 * @param costPer1kTokens price of 1000 tokens per model name, for the cost metric
 * @param cacheSize answers kept by the exact-prompt cache (0 turns it off)
 * @param cacheTtl how long a cached answer is served
 */
@ConfigurationProperties("cdp.ai.chat")
public record ChatProperties(
    @DefaultValue("") String baseUrl,
    @DefaultValue("gpt-4o-mini") String model,
    @DefaultValue("") String apiKey,
    @DefaultValue("30s") Duration timeout,
    @DefaultValue("800") int maxTokens,
    @DefaultValue("0.1") double temperature,
    Map<String, BigDecimal> costPer1kTokens,
    @DefaultValue("1000") int cacheSize,
    @DefaultValue("10m") Duration cacheTtl) {

  public ChatProperties {
    costPer1kTokens = costPer1kTokens == null ? Map.of() : Map.copyOf(costPer1kTokens);
  }

  /** Whether a chat endpoint is configured. */
  public boolean configured() {
    return baseUrl != null && !baseUrl.isBlank();
  }

  /** The configured key, else {@code CDP_AI_API_KEY}, else a placeholder local servers accept. */
  public String resolvedApiKey() {
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey;
    }
    String env = System.getenv("CDP_AI_API_KEY");
    return env == null || env.isBlank() ? "none" : env;
  }
}
