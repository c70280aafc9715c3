package org.opencdp.quality;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.opencdp.event.EventCodec;
import org.opencdp.event.Topics;
import org.opencdp.quality.compaction.CompactionProperties;
import org.opencdp.quality.compaction.Compactor;
import org.opencdp.quality.dedup.DedupProperties;
import org.opencdp.quality.dedup.DedupWindow;
import org.opencdp.quality.dedup.LandedIds;
import org.opencdp.quality.intake.IntakeProperties;
import org.opencdp.quality.intake.LakeIntake;
import org.opencdp.quality.intake.Screening;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeListener;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lineage.OpenLineageEmitter;
import org.opencdp.quality.lineage.OpenLineageProperties;
import org.opencdp.quality.metrics.QualityMetrics;
import org.opencdp.quality.outliers.OutlierDetector;
import org.opencdp.quality.outliers.OutlierProperties;
import org.opencdp.quality.quarantine.QuarantineIndex;
import org.opencdp.quality.rules.ActiveRules;
import org.opencdp.quality.rules.Definitions;
import org.opencdp.quality.rules.Judge;
import org.opencdp.quality.rules.RulesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the lake, its compaction and lineage, the rules, the screening and the intake consumers.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
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

  /**
   * Cleaned of a crash's leftovers once, before any intake or compaction starts writing: files
   * half-written and untouched for {@link Lake#UNFINISHED_AFTER} (younger ones may be another
   * replica's; the compactor's passes sweep them later), and the inputs of a compaction killed
   * between its rename and its deletes.
   */
  @Bean
  Lake lake(LakeProperties properties, Clock clock) {
    Lake lake = new Lake(properties);
    int discarded = lake.discardUnfinished(clock.instant().minus(Lake.UNFINISHED_AFTER)).size();
    if (discarded > 0) {
      log.info("Removed {} unfinished or superseded lake files left by an earlier run", discarded);
    }
    return lake;
  }

  @Bean
  LakeWriter lakeWriter(LakeProperties properties, Clock clock, LakeListener lakeListener) {
    return new LakeWriter(properties, clock, lakeListener);
  }

  /**
   * OpenLineage run events when {@code cdp.lineage.openlineage.url} is set, else nothing; its
   * sender is closed with the context (inferred {@code close}).
   */
  @Bean
  LakeListener lakeListener(
      OpenLineageProperties openLineage,
      LakeProperties lake,
      @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers,
      Clock clock,
      MeterRegistry registry) {
    if (!openLineage.enabled()) {
      return LakeListener.NONE;
    }
    log.info("Sending OpenLineage run events to {}", openLineage.url());
    return new OpenLineageEmitter(openLineage, lake.root(), bootstrapServers, clock, registry);
  }

  @Bean
  Compactor compactor(
      Lake lake,
      LakeWriter writer,
      CompactionProperties properties,
      Clock clock,
      MeterRegistry registry,
      LakeListener lakeListener) {
    return new Compactor(lake, writer, properties, clock, registry, lakeListener);
  }

  @Bean
  Definitions definitions(JdbcClient jdbc, EventCodec codec, Clock clock) {
    return new Definitions(jdbc, codec.mapper(), clock);
  }

  @Bean
  ActiveRules.Compiler ruleCompiler() {
    return new ActiveRules.Compiler();
  }

  @Bean(destroyMethod = "close")
  ActiveRules activeRules(
      Definitions definitions, ActiveRules.Compiler compiler, RulesProperties properties) {
    return new ActiveRules(definitions, compiler, properties.refreshInterval());
  }

  @Bean
  Judge judge(ActiveRules active, EventCodec codec) {
    return new Judge(active, codec);
  }

  @Bean
  QualityMetrics qualityMetrics(MeterRegistry registry, JdbcClient jdbc) {
    return new QualityMetrics(registry, jdbc);
  }

  @Bean
  MetricsFlush metricsFlush(QualityMetrics metrics) {
    return new MetricsFlush(metrics);
  }

  @Bean
  QuarantineIndex quarantineIndex(JdbcClient jdbc, TransactionTemplate transactions, Lake lake) {
    QuarantineIndex index = new QuarantineIndex(jdbc, transactions, lake);
    try {
      index.rebuild();
    } catch (RuntimeException e) {
      log.warn("Could not bring the quarantine index up to date with the lake: {}", e.toString());
    }
    return index;
  }

  @Bean(destroyMethod = "close")
  Producer<String, byte[]> replayProducer(ProducerFactory<String, byte[]> producers) {
    return producers.createProducer();
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "cdp.quality.intake.enabled", matchIfMissing = true)
  LakeIntake rawEventsIntake(
      IntakeFeeds feeds,
      Judge judge,
      QualityMetrics metrics,
      Lake lake,
      DedupProperties dedup,
      OutlierProperties outliers,
      Clock clock) {
    DedupWindow window = new DedupWindow(dedup.window());
    LandedIds.load(lake, window, clock.instant());
    Screening screening =
        new Screening(judge, window, new OutlierDetector(outliers), metrics, clock);
    return feeds.intake(LakeIntake.Feed.RAW_EVENTS, screening);
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "cdp.quality.intake.enabled", matchIfMissing = true)
  LakeIntake quarantineEventsIntake(
      IntakeFeeds feeds, Judge judge, QualityMetrics metrics, Clock clock) {
    // this feed never screens; its own (empty) window keeps the two intake threads apart
    OutlierProperties off = new OutlierProperties(false, List.of(), 1, 2, 0);
    Screening screening =
        new Screening(
            judge, new DedupWindow(Duration.ZERO), new OutlierDetector(off), metrics, clock);
    return feeds.intake(LakeIntake.Feed.QUARANTINE_EVENTS, screening);
  }

  @Bean
  IntakeFeeds intakeFeeds(
      ConsumerFactory<String, byte[]> consumers,
      ProducerFactory<String, byte[]> producers,
      Topics topics,
      LakeProperties lakeProperties,
      IntakeProperties intakeProperties,
      Lake lake,
      LakeWriter writer,
      EventCodec codec,
      QuarantineIndex index) {
    return (feed, screening) ->
        new LakeIntake(
            feed,
            consumers,
            producers,
            topics,
            lakeProperties,
            intakeProperties,
            lake,
            writer,
            codec,
            screening,
            index);
  }

  /** Builds one intake per feed from the shared collaborators. */
  interface IntakeFeeds {
    LakeIntake intake(LakeIntake.Feed feed, Screening screening);
  }

  /** Writes the daily metrics every few seconds. */
  static final class MetricsFlush {
    private final QualityMetrics metrics;

    MetricsFlush(QualityMetrics metrics) {
      this.metrics = metrics;
    }

    @org.springframework.scheduling.annotation.Scheduled(
        fixedDelayString = "${cdp.quality.metrics.flush-interval:5s}")
    void flush() {
      metrics.flushQuietly();
    }
  }
}
