package org.opencdp.ai.rag.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroundingCheckTest {

  @Test
  void findsNumbersPercentagesMoneyAndDatesInCanonicalForm() {
    assertThat(Figures.in("Sales rose 30 % to $1,200.50 on 2026-06-30; 产品A的Q2销量增长30％，2026年7月"))
        .containsExactly("2026-06-30", "2026-07", "30%", "1200.5", "30%");
  }

  @Test
  void anAnswerWhoseFiguresAreAllInTheSourcesIsGrounded() {
    Grounding g = GroundingCheck.check("产品A的Q2销量同比增长30% [1]", List.of("产品A的Q2销量同比增长30%"));

    assertThat(g.grounded()).isTrue();
    assertThat(g.unsupported()).isEmpty();
  }

  @Test
  void flagsEveryFigureNoSourceHolds() {
    Grounding g =
        GroundingCheck.check(
            "Revenue grew 45% to 1,300 units by 2026-09-01 [2].",
            List.of("Revenue grew 30% to 1200 units.", "Data: 1300"));

    assertThat(g.grounded()).isFalse();
    assertThat(g.unsupported()).containsExactly("2026-09-01", "45%");
  }

  @Test
  void removesTheSentencesThatCarryUnsupportedFigures() {
    String answer = "Sales grew 30%. Margins reached 12%. Customers were happy.";

    assertThat(GroundingCheck.removeUnsupported(answer, List.of("Sales grew 30% this year")))
        .isEqualTo("Sales grew 30%. Customers were happy.");
  }
}
