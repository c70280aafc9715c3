package org.opencdp.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.opencdp.event.Topics;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

class ServiceKafkaAutoConfigurationTest {

  // No broker listens on port 1; auto-create off so KafkaAdmin does not wait for one.
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  KafkaAutoConfiguration.class, ServiceKafkaAutoConfiguration.class))
          .withPropertyValues(
              "spring.kafka.bootstrap-servers=localhost:1", "spring.kafka.admin.auto-create=false");

  @Test
  void declaresAllSixTopicsWithConfiguredPartitionsAndReplicas() {
    runner
        .withPropertyValues("cdp.kafka.partitions=3", "cdp.kafka.topics.raw-events=acme.raw")
        .run(
            context -> {
              assertThat(context).hasSingleBean(KafkaAdmin.NewTopics.class);
              List<NewTopic> topics =
                  ServiceKafkaAutoConfiguration.newTopics(context.getBean(KafkaProperties.class));
              assertThat(topics)
                  .extracting(NewTopic::name)
                  .containsExactlyInAnyOrder(
                      "acme.raw",
                      Topics.CLEAN_EVENTS,
                      Topics.QUARANTINE_EVENTS,
                      Topics.RAW_DOCUMENTS,
                      Topics.RECO_FEEDBACK,
                      Topics.INSIGHT_ALERTS);
              assertThat(topics).allSatisfy(t -> assertThat(t.numPartitions()).isEqualTo(3));
              assertThat(topics)
                  .allSatisfy(t -> assertThat(t.replicationFactor()).isEqualTo((short) 1));
            });
  }

  @Test
  void exposesTheBoundTopicNames() {
    runner
        .withPropertyValues("cdp.kafka.topics.clean-events=acme.clean")
        .run(
            context ->
                assertThat(context.getBean(Topics.class).cleanEvents()).isEqualTo("acme.clean"));
  }

  @Test
  void declaresNoTopicsWhenCreationIsOff() {
    runner
        .withPropertyValues("cdp.kafka.create-topics=false")
        .run(context -> assertThat(context).doesNotHaveBean(KafkaAdmin.NewTopics.class));
  }

  @Test
  void reportsKafkaDownWhenNoBrokerAnswers() {
    runner.run(
        context -> {
          KafkaHealthIndicator health = context.getBean(KafkaHealthIndicator.class);
          long start = System.nanoTime();
          assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
          assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        });
  }

  @Test
  void startsWithinTheAdminTimeoutWhenNoBrokerAnswersAndTopicsAreOn() {
    long start = System.nanoTime();
    runner
        .withPropertyValues(
            "spring.kafka.admin.auto-create=true",
            "spring.kafka.admin.operation-timeout=1s",
            "spring.kafka.admin.close-timeout=1s")
        .run(context -> assertThat(context).hasNotFailed());

    assertThat(System.nanoTime() - start).isLessThan(8_000_000_000L);
  }
}
