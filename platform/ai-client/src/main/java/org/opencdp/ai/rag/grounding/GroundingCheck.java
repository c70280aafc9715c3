package org.opencdp.ai.rag.grounding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that every figure (number, percentage, money, date) of a generated answer appears in the
 * retrieved context or the supplied data. Citation markers such as [1] are not figures.
 */
public final class GroundingCheck {

  private GroundingCheck() {}

  /** Which figures of the answer no source holds; grounded when none. */
  public static Grounding check(String answer, List<String> sources) {
    Set<String> known = new HashSet<>();
    for (String source : sources) {
      known.addAll(Figures.in(source));
    }
    List<String> unsupported = new ArrayList<>();
    for (String figure : Figures.in(withoutCitations(answer))) {
      if (!known.contains(figure) && !unsupported.contains(figure)) {
        unsupported.add(figure);
      }
    }
    return new Grounding(unsupported.isEmpty(), unsupported);
  }

  /**
   * The answer without the sentences that carry an unsupported figure, for callers that prefer
   * removing to flagging.
   */
  public static String removeUnsupported(String answer, List<String> sources) {
    Grounding grounding = check(answer, sources);
    if (grounding.grounded()) {
      return answer;
    }
    StringBuilder out = new StringBuilder();
    for (String sentence : org.opencdp.ai.rag.chunking.Chunker.sentences(answer)) {
      List<String> figures = Figures.in(withoutCitations(sentence));
      if (figures.stream().noneMatch(grounding.unsupported()::contains)) {
        out.append(out.isEmpty() ? "" : " ").append(sentence);
      }
    }
    return out.toString();
  }

  static String withoutCitations(String text) {
    return text == null ? "" : text.replaceAll("\\[\\d+(?:\\s*,\\s*\\d+)*]", " ");
  }
}
