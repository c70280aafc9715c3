package org.opencdp.ingest;

import java.time.Clock;
import org.opencdp.event.EventCodec;
import org.opencdp.event.JsonLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The codec with the configured limits and the clock events are stamped with. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  EventCodec eventCodec(IngestProperties properties) {
    JsonLimits segment = JsonLimits.segment();
    int event = (int) properties.maxEventSize().toBytes();
    int batch = (int) properties.maxBatchSize().toBytes();
    return new EventCodec(
        new JsonLimits(
            event,
            batch,
            segment.maxDepth(),
            event,
            segment.maxNameLength(),
            segment.maxNumberLength(),
            segment.maxIdLength()));
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
