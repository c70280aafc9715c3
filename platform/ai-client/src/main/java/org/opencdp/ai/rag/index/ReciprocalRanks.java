package org.opencdp.ai.rag.index;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion over bare keys: a key scores {@code sum 1/(K + rank)} over the rankings it
 * appears in. Kept here, free of {@link Passage}, so an index can fuse document numbers and load
 * the stored fields of the winners only.
 */
public final class ReciprocalRanks {

  /** The usual constant: damps the difference between the first few places. */
  public static final int K = 60;

  private ReciprocalRanks() {}

  /** One fused place: the key of what was ranked and its score scaled to 0..1. */
  public record Fused<T>(T key, double score) {}

  /**
   * Fused ranking, best first, scores scaled to 0..1 (1 = first in every ranking); ties keep the
   * order in which keys were first seen.
   */
  public static <T> List<Fused<T>> fuse(List<? extends List<T>> rankings, int limit) {
    Map<T, Double> scores = new LinkedHashMap<>();
    for (List<T> ranking : rankings) {
      for (int rank = 0; rank < ranking.size(); rank++) {
        scores.merge(ranking.get(rank), 1.0 / (K + rank + 1), Double::sum);
      }
    }
    double best = rankings.isEmpty() ? 1 : rankings.size() * (1.0 / (K + 1));
    return scores.entrySet().stream()
        .sorted(Map.Entry.<T, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .map(e -> new Fused<>(e.getKey(), e.getValue() / best))
        .toList();
  }
}
