package org.opencdp.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencdp.ai.budget.BudgetProperties;
import org.opencdp.ai.chat.ChatProperties;
import org.opencdp.ai.chat.LanguageModel;
import org.opencdp.ai.chat.ResilienceProperties;
import org.opencdp.ai.embedding.Embedders;
import org.opencdp.ai.embedding.EmbeddingProperties;
import org.opencdp.ai.rag.chunking.ChunkingProperties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Defaults and key binding of every cdp.ai.* record, and what the auto-configuration builds. */
class AiPropertiesTest {

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(AiAutoConfiguration.class))
          .withPropertyValues("cdp.ai.embeddings.cache-dir=target/djl");

  @Test
  void defaultsWorkLocallyWithoutAnyEndpoint() {
    runner.run(
        context -> {
          ChatProperties chat = context.getBean(ChatProperties.class);
          assertThat(chat.configured()).isFalse();
          assertThat(chat.timeout()).isEqualTo(Duration.ofSeconds(30));
          assertThat(context.getBean(EmbeddingProperties.class).remote()).isFalse();
          assertThat(context.getBean(BudgetProperties.class).dailyTokens()).isEqualTo(200_000);
          assertThat(context.getBean(ResilienceProperties.class).maxAttempts()).isEqualTo(3);
          assertThat(context.getBean(ChunkingProperties.class).maxChars()).isEqualTo(600);
          assertThat(context).doesNotHaveBean(LanguageModel.class);
          assertThat(context.getBean(Embedders.class).all())
              .extracting(e -> e.id())
              .containsExactly("all-minilm-l6-v2-q", "bge-small-zh-v15-q");
        });
  }

  @Test
  void bindsDashedKeys() {
    runner
        .withPropertyValues(
            "cdp.ai.chat.base-url=http://localhost:11434/v1",
            "cdp.ai.chat.model=qwen2.5",
            "cdp.ai.chat.timeout=5s",
            "cdp.ai.chat.cost-per-1k-tokens[qwen2.5]=0.002",
            "cdp.ai.budget.daily-tokens=5000",
            "cdp.ai.resilience.max-attempts=5",
            "cdp.ai.resilience.open-for=10s",
            "cdp.ai.chunking.max-chars=300",
            "cdp.ai.chunking.overlap-chars=30",
            "cdp.ai.embeddings.base-url=http://localhost:11434/v1",
            "cdp.ai.embeddings.model=bge-m3")
        .run(
            context -> {
              ChatProperties chat = context.getBean(ChatProperties.class);
              assertThat(chat.model()).isEqualTo("qwen2.5");
              assertThat(chat.timeout()).isEqualTo(Duration.ofSeconds(5));
              assertThat(chat.costPer1kTokens()).containsEntry("qwen2.5", new BigDecimal("0.002"));
              assertThat(context.getBean(BudgetProperties.class).dailyTokens()).isEqualTo(5000);
              assertThat(context.getBean(ResilienceProperties.class).openFor())
                  .isEqualTo(Duration.ofSeconds(10));
              assertThat(context.getBean(ChunkingProperties.class).overlapChars()).isEqualTo(30);
              assertThat(context).hasSingleBean(LanguageModel.class);
              assertThat(context.getBean(Embedders.class).all())
                  .extracting(e -> e.id())
                  .containsExactly("remote:bge-m3");
            });
  }

  @Test
  void languagesAreToldApartByScript() {
    assertThat(Languages.detect("产品A的Q2销量同比增长30%")).isEqualTo("zh");
    assertThat(Languages.detect("Sales of product A grew")).isEqualTo("en");
    assertThat(Languages.detect("OpenCDP 的 dashboard 很好用")).isEqualTo("zh");
    assertThat(Languages.resolve("zh-CN", "english text")).isEqualTo("zh");
  }
}
