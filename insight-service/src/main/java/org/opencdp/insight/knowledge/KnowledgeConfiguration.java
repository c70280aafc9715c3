package org.opencdp.insight.knowledge;

import org.opencdp.ai.rag.KnowledgeBase;
import org.opencdp.ai.rag.index.KnowledgeIndex;
import org.opencdp.ai.rag.index.LuceneKnowledgeIndex;
import org.opencdp.event.EventCodec;
import org.opencdp.event.Topics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

/** The Lucene index on disk (ai-client builds the knowledge base over it) and the intake. */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

  @Bean(destroyMethod = "close")
  KnowledgeIndex knowledgeIndex(KnowledgeProperties properties) {
    return new LuceneKnowledgeIndex(properties.indexDir());
  }

  @Bean
  EventCodec eventCodec() {
    return EventCodec.segment();
  }

  @Bean
  @ConditionalOnBooleanProperty(
      name = "cdp.insight.knowledge.intake-enabled",
      matchIfMissing = true)
  DocumentIntake documentIntake(
      ConsumerFactory<String, byte[]> consumers,
      Topics topics,
      KnowledgeProperties properties,
      KnowledgeBase knowledge,
      EventCodec codec) {
    return new DocumentIntake(consumers, topics, properties, knowledge, codec);
  }
}
