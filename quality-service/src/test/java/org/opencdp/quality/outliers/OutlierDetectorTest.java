package org.opencdp.quality.outliers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencdp.quality.TestEvents;
import tools.jackson.databind.JsonNode;

class OutlierDetectorTest {

  static JsonNode revenue(double value) {
    return TestEvents.CODEC.mapper().readTree("{\"revenue\":" + value + ",\"quantity\":2}");
  }

  @Test
  void estimatesTheNinetyNinthPercentileOfAStream() {
    P2Quantile p99 = new P2Quantile(0.99);
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      p99.add(random.nextDouble() * 100);
    }
    assertThat(p99.value()).isCloseTo(99.0, within(0.5));
  }

  @Test
  void isolatesAValueFarBeyondTheLearnedP99OnceSeeded() {
    OutlierDetector detector =
        new OutlierDetector(
            new OutlierProperties(true, List.of("revenue", "quantity"), 500, 10, 100));
    Random random = new Random(1);
    for (int i = 0; i < 499; i++) {
      detector.learn("acme", "Order Completed", revenue(20 + random.nextDouble() * 80));
    }
    assertThat(detector.check("acme", "Order Completed", revenue(1_000_000)))
        .as("not seeded yet")
        .isEmpty();
    detector.learn("acme", "Order Completed", revenue(50));

    assertThat(detector.check("acme", "Order Completed", revenue(950))).isEmpty();
    assertThat(detector.check("acme", "Order Completed", revenue(5_000)))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.code()).isEqualTo("suspected_outlier");
              assertThat(r.field()).isEqualTo("properties.revenue");
            });
    assertThat(detector.check("other", "Order Completed", revenue(5_000))).isEmpty();
    assertThat(detector.check("acme", "Order Refunded", revenue(5_000))).isEmpty();
  }

  @Test
  void aDisabledDetectorNeverIsolates() {
    OutlierDetector detector =
        new OutlierDetector(new OutlierProperties(false, List.of("revenue"), 1, 2, 100));
    for (int i = 0; i < 10; i++) {
      detector.learn("acme", "e", revenue(1));
    }
    assertThat(detector.check("acme", "e", revenue(1e9))).isEmpty();
  }
}
