package org.opencdp.ai.rag.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.ai.rag.index.Passage;

/**
 * Reciprocal rank fusion: a passage scores {@code sum 1/(k + rank)} over the rankings it appears
 * in, so agreement between vector and BM25 search beats a high place in one. Scores of different
 * searches are never compared, only ranks.
 */
public final class RankFusion {

  /** The usual constant: damps the difference between the first few places. */
  public static final int K = 60;

  private RankFusion() {}

  /**
   * Fused ranking, best first, scores scaled to 0..1 (1 = first in every ranking); the passage kept
   * for each key is its first occurrence.
   */
  public static List<Passage> fuse(List<List<Passage>> rankings, int limit) {
    Map<String, Passage> passages = new LinkedHashMap<>();
    Map<String, Double> scores = new LinkedHashMap<>();
    for (List<Passage> ranking : rankings) {
      for (int rank = 0; rank < ranking.size(); rank++) {
        Passage p = ranking.get(rank);
        passages.putIfAbsent(p.key(), p);
        scores.merge(p.key(), 1.0 / (K + rank + 1), Double::sum);
      }
    }
    double best = rankings.isEmpty() ? 1 : rankings.size() * (1.0 / (K + 1));
    List<Passage> out = new ArrayList<>();
    scores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .forEach(e -> out.add(passages.get(e.getKey()).withScore(e.getValue() / best)));
    return out;
  }
}
