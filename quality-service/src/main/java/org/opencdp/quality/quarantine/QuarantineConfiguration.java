package org.opencdp.quality.quarantine;

import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.opencdp.event.EventCodec;
import org.opencdp.event.Topics;
import org.opencdp.quality.rules.Judge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The quarantine store and the replayer. */
@Configuration(proxyBeanMethods = false)
class QuarantineConfiguration {

  @Bean
  Quarantine quarantine(JdbcClient jdbc) {
    return new Quarantine(jdbc);
  }

  @Bean
  Replayer replayer(
      Quarantine quarantine,
      Judge judge,
      EventCodec codec,
      Producer<String, byte[]> replayProducer,
      Topics topics,
      Clock clock) {
    return new Replayer(quarantine, judge, codec, replayProducer, topics, clock);
  }
}
