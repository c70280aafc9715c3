package org.opencdp.ai.rag.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant-partitioned store of passages searchable by vector and by text. Every method takes the
 * tenant; no search can leave it out, and none returns another tenant's passage.
 */
public interface KnowledgeIndex extends AutoCloseable {

  /** Replaces everything held for the document (none left when {@code chunks} is empty). */
  void replace(String tenant, String documentId, List<IndexedChunk> chunks);

  /** Makes what was written durable and visible to searches. */
  void commit();

  /** Nearest passages to the vector among those made by the same embedder. */
  List<Passage> nearest(
      String tenant, String embedderId, float[] vector, int k, SearchFilter filter);

  /** Best BM25 matches for the query text. */
  List<Passage> matching(String tenant, String query, int k, SearchFilter filter);

  /**
   * Hybrid search in one go: the nearest passages per query vector (keyed by embedder id), the BM25
   * matches of the text, {@code candidates} each, fused by {@link ReciprocalRanks} to the k best.
   * The default runs the single searches; an index may do better (one searcher, stored fields
   * loaded for the k winners only).
   */
  default List<Passage> hybrid(
      String tenant,
      Map<String, float[]> vectors,
      String text,
      int candidates,
      int k,
      SearchFilter filter) {
    List<List<Passage>> rankings = new ArrayList<>();
    vectors.forEach((id, v) -> rankings.add(nearest(tenant, id, v, candidates, filter)));
    rankings.add(matching(tenant, text, candidates, filter));
    Map<String, Passage> byKey = new HashMap<>();
    List<List<String>> keys = new ArrayList<>();
    for (List<Passage> ranking : rankings) {
      ranking.forEach(p -> byKey.putIfAbsent(p.key(), p));
      keys.add(ranking.stream().map(Passage::key).toList());
    }
    return ReciprocalRanks.fuse(keys, k).stream()
        .map(f -> byKey.get(f.key()).withScore(f.score()))
        .toList();
  }

  /** The embedders whose vectors the index holds. */
  Set<String> embedderIds();

  /** The embedders whose vectors the tenant's passages carry (all the index holds by default). */
  default Set<String> embedderIds(String tenant) {
    return embedderIds();
  }

  /** Maintenance after bulk loads: merges the index so searches visit one graph (no-op here). */
  default void compact() {}

  /** Passages the tenant has. */
  long count(String tenant);

  @Override
  void close();
}
