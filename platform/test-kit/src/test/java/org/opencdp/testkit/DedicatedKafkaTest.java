package org.opencdp.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class DedicatedKafkaTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void aStoppedBrokerLeavesProducersTimingOut() {
    var broker = Infrastructure.dedicatedKafka();
    broker.stop();

    Throwable failure;
    try (var producer = Producers.to(broker, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000))) {
      failure =
          catchThrowable(
              () ->
                  producer
                      .send(new ProducerRecord<>("orders", "lost".getBytes(UTF_8)))
                      .get(10, TimeUnit.SECONDS));
    }

    assertThat(failure)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("2000 ms");
  }

  @Test
  void dedicatedBrokersStartOneAfterAnotherEachOnItsOwn() throws Exception {
    String springProperty = System.getProperty("spring.kafka.bootstrap-servers");
    for (int round = 1; round <= 2; round++) {
      try (var broker = Infrastructure.dedicatedKafka()) {
        assertThat(broker.bootstrapServers())
            .isNotEqualTo(Infrastructure.kafka().bootstrapServers());
        try (var producer = Producers.to(broker)) {
          producer
              .send(new ProducerRecord<>("rounds", ("round " + round).getBytes(UTF_8)))
              .get(10, TimeUnit.SECONDS);
        }

        assertThat(broker.readAll("rounds", TIMEOUT))
            .extracting(ConsumedRecord::valueAsString)
            .containsExactly("round " + round);
      }
    }
    // a dedicated broker must not redirect Spring tests that read the global property
    assertThat(System.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(springProperty);
  }
}
