package org.opencdp.ai.budget;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Micrometer counters of tokens ({@code cdp.ai.tokens}, by kind prompt/completion) and cost ({@code
 * cdp.ai.cost}, in the currency of the configured prices) per tenant, feature and model.
 */
public final class TokenMeter {

  private final MeterRegistry registry;
  private final Map<String, BigDecimal> costPer1k;

  /** {@code costPer1k}: price of 1000 tokens per model name; models not listed cost nothing. */
  public TokenMeter(MeterRegistry registry, Map<String, BigDecimal> costPer1k) {
    this.registry = registry;
    this.costPer1k = Map.copyOf(costPer1k);
  }

  public void record(
      String tenant, String feature, String model, long promptTokens, long completionTokens) {
    counter("cdp.ai.tokens", tenant, feature, model, "prompt").increment(promptTokens);
    counter("cdp.ai.tokens", tenant, feature, model, "completion").increment(completionTokens);
    BigDecimal price = costPer1k.getOrDefault(model, BigDecimal.ZERO);
    double cost = price.doubleValue() * (promptTokens + completionTokens) / 1000.0;
    Counter.builder("cdp.ai.cost")
        .description("Estimated cost of model calls")
        .tags("tenant", tenant, "feature", feature, "model", model)
        .register(registry)
        .increment(cost);
  }

  private Counter counter(String name, String tenant, String feature, String model, String kind) {
    return Counter.builder(name)
        .description("Language-model tokens used")
        .tags("tenant", tenant, "feature", feature, "model", model, "kind", kind)
        .register(registry);
  }
}
