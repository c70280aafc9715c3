package org.opencdp.ai.rag.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opencdp.ai.embedding.Embedder;
import org.opencdp.ai.embedding.Embedders;
import org.opencdp.ai.rag.index.KnowledgeIndex;
import org.opencdp.ai.rag.index.Passage;
import org.opencdp.ai.rag.index.SearchFilter;

/**
 * Hybrid retrieval: the query is embedded by every embedder whose vectors the index holds (each
 * searched in its own vector field), searched by BM25 too, and the rankings fused by {@link
 * RankFusion}. The tenant is a required argument, passed to every search.
 */
public final class HybridRetriever {

  /** Each search fetches this many times k, so fusion has candidates to agree on. */
  static final int CANDIDATES = 3;

  private final KnowledgeIndex index;
  private final Embedders embedders;

  public HybridRetriever(KnowledgeIndex index, Embedders embedders) {
    this.index = index;
    this.embedders = embedders;
  }

  /** The k best passages of the tenant for the query. */
  public List<Passage> retrieve(String tenant, String query, int k, SearchFilter filter) {
    int candidates = k * CANDIDATES;
    List<List<Passage>> rankings = new ArrayList<>();
    Set<String> present = index.embedderIds();
    for (Embedder embedder : embedders.all()) {
      if (present.contains(embedder.id())) {
        float[] vector = embedder.embed(query);
        rankings.add(index.nearest(tenant, embedder.id(), vector, candidates, filter));
      }
    }
    rankings.add(index.matching(tenant, query, candidates, filter));
    return RankFusion.fuse(rankings, k);
  }

  public KnowledgeIndex index() {
    return index;
  }
}
