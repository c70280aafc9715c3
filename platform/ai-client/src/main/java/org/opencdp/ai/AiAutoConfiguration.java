package org.opencdp.ai;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.opencdp.ai.budget.BudgetProperties;
import org.opencdp.ai.budget.TokenBudget;
import org.opencdp.ai.budget.TokenMeter;
import org.opencdp.ai.chat.ChatProperties;
import org.opencdp.ai.chat.LanguageModel;
import org.opencdp.ai.chat.ModelCalls;
import org.opencdp.ai.chat.ResilienceProperties;
import org.opencdp.ai.embedding.Embedders;
import org.opencdp.ai.embedding.EmbeddingProperties;
import org.opencdp.ai.embedding.RemoteEmbedder;
import org.opencdp.ai.rag.AnswerCache;
import org.opencdp.ai.rag.KnowledgeBase;
import org.opencdp.ai.rag.chunking.Chunker;
import org.opencdp.ai.rag.chunking.ChunkingProperties;
import org.opencdp.ai.rag.index.KnowledgeIndex;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The AI client's beans: embedders (local ONNX models, or the remote endpoint when {@code
 * cdp.ai.embeddings.base-url} is set), guarded model calls, budget and metering, the language model
 * when {@code cdp.ai.chat.base-url} is set, and a {@link KnowledgeBase} over the application's
 * {@link KnowledgeIndex}.
 */
@AutoConfiguration(
    afterName =
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@EnableConfigurationProperties({
  EmbeddingProperties.class,
  ChatProperties.class,
  ResilienceProperties.class,
  BudgetProperties.class,
  ChunkingProperties.class
})
public final class AiAutoConfiguration {

  private static final Clock CLOCK = Clock.systemUTC();

  @Bean
  @ConditionalOnMissingBean
  ModelCalls modelCalls(ResilienceProperties properties) {
    return new ModelCalls(properties);
  }

  @Bean
  @ConditionalOnMissingBean
  Embedders embedders(EmbeddingProperties properties, ModelCalls calls) {
    if (properties.remote()) {
      return Embedders.single(new RemoteEmbedder(properties, calls));
    }
    // DJL unpacks its tokenizer library here instead of the home directory
    if (System.getProperty("DJL_CACHE_DIR") == null) {
      System.setProperty("DJL_CACHE_DIR", properties.cacheDir().toAbsolutePath().toString());
    }
    return Embedders.local();
  }

  @Bean
  @ConditionalOnMissingBean
  Chunker chunker(ChunkingProperties properties) {
    return new Chunker(properties);
  }

  @Bean
  @ConditionalOnMissingBean
  TokenBudget tokenBudget(BudgetProperties properties) {
    return new TokenBudget(properties, CLOCK);
  }

  @Bean
  @ConditionalOnMissingBean
  TokenMeter tokenMeter(ObjectProvider<MeterRegistry> registry, ChatProperties chat) {
    return new TokenMeter(
        registry.getIfAvailable(SimpleMeterRegistry::new), chat.costPer1kTokens());
  }

  @Bean
  @ConditionalOnMissingBean
  @Conditional(ChatConfigured.class)
  LanguageModel languageModel(
      ChatProperties properties, ModelCalls calls, TokenBudget budget, TokenMeter meter) {
    return new LanguageModel(properties, calls, budget, meter);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(KnowledgeIndex.class)
  KnowledgeBase knowledgeBase(
      KnowledgeIndex index,
      Embedders embedders,
      Chunker chunker,
      ObjectProvider<LanguageModel> model,
      ChatProperties chat) {
    return new KnowledgeBase(
        index,
        embedders,
        chunker,
        model.getIfAvailable(),
        new AnswerCache(chat.cacheSize(), chat.cacheTtl(), CLOCK));
  }
}
