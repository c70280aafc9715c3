package org.opencdp.ai.rag.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencdp.ai.rag.index.Passage;

class RankFusionTest {

  static Passage p(String id, double score) {
    return new Passage(id, id, 0, "text " + id, "en", List.of(), score);
  }

  @Test
  void agreementBetweenRankingsBeatsOneFirstPlace() {
    List<Passage> vector = List.of(p("a", 0.99), p("b", 0.9), p("c", 0.5));
    List<Passage> text = List.of(p("d", 12), p("b", 11), p("c", 3));

    List<Passage> fused = RankFusion.fuse(List.of(vector, text), 10);

    assertThat(fused).extracting(Passage::documentId).startsWith("b", "c");
    assertThat(fused).extracting(Passage::documentId).containsExactlyInAnyOrder("a", "b", "c", "d");
  }

  @Test
  void scoresAreRanksNotRawScoresAndScaleToOne() {
    List<Passage> only = List.of(p("a", 1000), p("b", 0.001));

    List<Passage> fused = RankFusion.fuse(List.of(only, only), 1);

    assertThat(fused).hasSize(1);
    assertThat(fused.get(0).documentId()).isEqualTo("a");
    assertThat(fused.get(0).score()).isEqualTo(1.0);
  }

  @Test
  void nothingFusesToNothing() {
    assertThat(RankFusion.fuse(List.of(List.of(), List.of()), 5)).isEmpty();
  }
}
