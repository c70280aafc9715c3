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
    return new EventCodec(
        JsonLimits.segment()
            .withSizes(
                (int) properties.maxEventSize().toBytes(),
                (int) properties.maxBatchSize().toBytes()));
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
