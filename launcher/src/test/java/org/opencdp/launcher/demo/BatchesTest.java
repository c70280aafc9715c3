package org.opencdp.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BatchesTest {

  private final List<Batches.Batch> sent = new ArrayList<>();
  private final Batches batches =
      new Batches(Batches.MAX_BATCH_BYTES, Batches.MAX_EVENT_BYTES, sent::add);

  @Test
  void keepsEveryBodyUnderFiveHundredKilobytesAndLosesNoEvent() {
    byte[] event = event(3_000);
    for (int i = 0; i < 1_000; i++) {
      assertThat(batches.add(event)).isTrue();
    }
    batches.flush();
    assertThat(sent).hasSizeGreaterThan(5);
    assertThat(sent).allSatisfy(b -> assertThat(b.body().length).isLessThanOrEqualTo(500 * 1024));
    assertThat(sent.stream().mapToInt(Batches.Batch::events).sum()).isEqualTo(1_000);
    JsonNode body = JsonMapper.builder().build().readTree(sent.get(0).body());
    assertThat(body.get("batch").size()).isEqualTo(sent.get(0).events());
  }

  @Test
  void refusesAnEventOverThirtyTwoKilobytes() {
    assertThat(batches.add(event(33 * 1024))).isFalse();
    batches.flush();
    assertThat(sent).isEmpty();
    assertThat(batches.oversized()).isEqualTo(1);
  }

  @Test
  void capsTheNumberOfEventsInOneBatch() {
    byte[] tiny = event(10);
    for (int i = 0; i < Batches.MAX_EVENTS + 1; i++) {
      batches.add(tiny);
    }
    batches.flush();
    assertThat(sent).extracting(Batches.Batch::events).containsExactly(Batches.MAX_EVENTS, 1);
  }

  private static byte[] event(int size) {
    String padding = "x".repeat(Math.max(0, size - 40));
    return ("{\"type\":\"track\",\"event\":\"E\",\"p\":\"" + padding + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
