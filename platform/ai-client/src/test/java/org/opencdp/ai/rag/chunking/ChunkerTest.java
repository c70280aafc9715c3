package org.opencdp.ai.rag.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  @Test
  void splitsChineseAtItsSentenceMarks() {
    assertThat(Chunker.sentences("产品A的Q2销量同比增长30%。退货率下降！原因是什么？新渠道；效果好"))
        .containsExactly("产品A的Q2销量同比增长30%。", "退货率下降！", "原因是什么？", "新渠道；", "效果好");
  }

  @Test
  void splitsEnglishAtSentenceEndsButNotInsideNumbersOrAbbreviatedDecimals() {
    assertThat(
            Chunker.sentences(
                "Revenue grew 3.5% in Q2. Churn fell! Why? \"Support improved.\" Done"))
        .containsExactly(
            "Revenue grew 3.5% in Q2.", "Churn fell!", "Why?", "\"Support improved.\"", "Done");
  }

  @Test
  void packsWholeSentencesUpToTheLimitAndRepeatsTheLastOnesAsOverlap() {
    Chunker chunker = new Chunker(new ChunkingProperties(60, 25));
    String text =
        "First sentence is here. Second one follows now. Third sentence comes next."
            + " Fourth is the last.";

    List<String> chunks = chunker.chunk(text);

    assertThat(chunks)
        .hasSizeGreaterThan(1)
        .allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(60));
    assertThat(chunks.get(0)).startsWith("First sentence is here.");
    // the second chunk starts with the first chunk's last sentence
    List<String> first = Chunker.sentences(chunks.get(0));
    String lastOfFirst = first.get(first.size() - 1);
    assertThat(chunks.get(1)).startsWith(lastOfFirst);
    assertThat(String.join(" ", chunks)).contains("Fourth is the last.");
  }

  @Test
  void joinsChineseSentencesWithoutSpacesAndCutsOverlongOnes() {
    Chunker chunker = new Chunker(new ChunkingProperties(50, 10));
    String longSentence = "长".repeat(120) + "。";

    List<String> chunks = chunker.chunk("短句一。短句二。" + longSentence);

    assertThat(chunks.get(0)).startsWith("短句一。短句二。");
    assertThat(chunks).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(50));
    assertThat(String.join("", chunks).replace("短句一。短句二。", "")).contains("长".repeat(50));
  }

  @Test
  void blankTextHasNoChunks() {
    assertThat(new Chunker(ChunkingProperties.defaults()).chunk("  \n ")).isEmpty();
  }
}
