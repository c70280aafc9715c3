package org.opencdp.ai.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The semantic part of the answer cache: threshold, identical context, tenant, expiry. */
class AnswerCacheTest {

  static final Answer ANSWER = new Answer("Sales grew 30% [1]", List.of(), true, "m", List.of());
  static final float[] QUESTION = {1, 0, 0, 0};

  final MutableClock clock = new MutableClock();
  final AnswerCache cache = new AnswerCache(4, Duration.ofMinutes(1), clock);

  /** A vector at the given cosine to {@link #QUESTION}. */
  static float[] atCosine(double cos) {
    return new float[] {(float) cos, (float) Math.sqrt(1 - cos * cos), 0, 0};
  }

  @Test
  void servesAQuestionAtOrAboveTheThresholdOverTheSameContextOnly() {
    cache.putSimilar("acme", "minilm", QUESTION, "en|doc-1#0", ANSWER);

    assertThat(cache.getSimilar("acme", "minilm", atCosine(0.96), "en|doc-1#0")).isEqualTo(ANSWER);
    assertThat(cache.getSimilar("acme", "minilm", atCosine(0.94), "en|doc-1#0")).isNull();
    assertThat(cache.getSimilar("acme", "minilm", QUESTION, "en|doc-2#0")).isNull();
    assertThat(cache.getSimilar("acme", "bge", QUESTION, "en|doc-1#0")).isNull();
  }

  @Test
  void neverServesAnotherTenantsAnswer() {
    cache.putSimilar("acme", "minilm", QUESTION, "en|doc-1#0", ANSWER);

    assertThat(cache.getSimilar("globex", "minilm", QUESTION, "en|doc-1#0")).isNull();
    cache.clear("acme");
    assertThat(cache.getSimilar("acme", "minilm", QUESTION, "en|doc-1#0")).isNull();
  }

  @Test
  void forgetsExpiredAnswersAndTheOldestPastItsSize() {
    cache.putSimilar("acme", "minilm", QUESTION, "old", ANSWER);
    for (int i = 0; i < 4; i++) {
      cache.putSimilar("acme", "minilm", QUESTION, "c" + i, ANSWER);
    }
    assertThat(cache.getSimilar("acme", "minilm", QUESTION, "old")).isNull();
    assertThat(cache.getSimilar("acme", "minilm", QUESTION, "c0")).isEqualTo(ANSWER);

    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(cache.getSimilar("acme", "minilm", QUESTION, "c0")).isNull();
  }

  @Test
  void keepsNothingWhenItsSizeIsZero() {
    AnswerCache off = new AnswerCache(0, Duration.ofMinutes(1), clock);
    off.putSimilar("acme", "minilm", QUESTION, "c", ANSWER);
    assertThat(off.getSimilar("acme", "minilm", QUESTION, "c")).isNull();
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
