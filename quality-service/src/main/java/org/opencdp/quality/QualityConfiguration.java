package org.opencdp.quality;

import java.time.Clock;
import org.opencdp.event.EventCodec;
import org.opencdp.event.Topics;
import org.opencdp.quality.intake.IntakeProperties;
import org.opencdp.quality.intake.LakeIntake;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.lake.LakeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/** Wires the lake and the intake consumer. */
@Configuration(proxyBeanMethods = false)
class QualityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(QualityConfiguration.class);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  EventCodec eventCodec() {
    return EventCodec.segment();
  }

  /** Cleaned of a crash's leftovers once, before any intake starts writing. */
  @Bean
  Lake lake(LakeProperties properties) {
    Lake lake = new Lake(properties);
    int discarded = lake.discardUnfinished().size();
    if (discarded > 0) {
      log.info("Removed {} unfinished lake files left by an earlier run", discarded);
    }
    return lake;
  }

  @Bean
  LakeWriter lakeWriter(LakeProperties properties, Clock clock) {
    return new LakeWriter(properties, clock);
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "cdp.quality.intake.enabled", matchIfMissing = true)
  LakeIntake rawEventsIntake(
      ConsumerFactory<String, byte[]> consumers,
      ProducerFactory<String, byte[]> producers,
      Topics topics,
      LakeProperties lakeProperties,
      IntakeProperties intakeProperties,
      Lake lake,
      LakeWriter writer,
      EventCodec codec) {
    return new LakeIntake(
        LakeIntake.Feed.RAW_EVENTS,
        consumers,
        producers,
        topics,
        lakeProperties,
        intakeProperties,
        lake,
        writer,
        codec);
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "cdp.quality.intake.enabled", matchIfMissing = true)
  LakeIntake quarantineEventsIntake(
      ConsumerFactory<String, byte[]> consumers,
      ProducerFactory<String, byte[]> producers,
      Topics topics,
      LakeProperties lakeProperties,
      IntakeProperties intakeProperties,
      Lake lake,
      LakeWriter writer,
      EventCodec codec) {
    return new LakeIntake(
        LakeIntake.Feed.QUARANTINE_EVENTS,
        consumers,
        producers,
        topics,
        lakeProperties,
        intakeProperties,
        lake,
        writer,
        codec);
  }
}
