package org.opencdp.ai.rag.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.ai.rag.index.Passage;
import org.opencdp.ai.rag.index.ReciprocalRanks;

/**
 * Reciprocal rank fusion of passage rankings: a passage scores {@code sum 1/(k + rank)} over the
 * rankings it appears in, so agreement between vector and BM25 search beats a high place in one.
 * Scores of different searches are never compared, only ranks.
 */
public final class RankFusion {

  /** The usual constant: damps the difference between the first few places. */
  public static final int K = ReciprocalRanks.K;

  private RankFusion() {}

  /**
   * Fused ranking, best first, scores scaled to 0..1 (1 = first in every ranking); the passage kept
   * for each key is its first occurrence.
   */
  public static List<Passage> fuse(List<List<Passage>> rankings, int limit) {
    Map<String, Passage> passages = new LinkedHashMap<>();
    List<List<String>> keys = new ArrayList<>();
    for (List<Passage> ranking : rankings) {
      List<String> ranked = new ArrayList<>(ranking.size());
      for (Passage p : ranking) {
        passages.putIfAbsent(p.key(), p);
        ranked.add(p.key());
      }
      keys.add(ranked);
    }
    List<Passage> out = new ArrayList<>();
    for (ReciprocalRanks.Fused<String> f : ReciprocalRanks.fuse(keys, limit)) {
      out.add(passages.get(f.key()).withScore(f.score()));
    }
    return out;
  }
}
