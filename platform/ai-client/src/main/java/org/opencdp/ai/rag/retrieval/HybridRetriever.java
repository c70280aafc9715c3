package org.opencdp.ai.rag.retrieval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencdp.ai.embedding.Embedder;
import org.opencdp.ai.embedding.Embedders;
import org.opencdp.ai.rag.index.KnowledgeIndex;
import org.opencdp.ai.rag.index.Passage;
import org.opencdp.ai.rag.index.SearchFilter;

/**
 * Hybrid retrieval: the query is embedded by the model of its language when the tenant's passages
 * hold that model's vectors (else by every model the tenant's passages hold), searched by vector in
 * that model's field and by BM25 over all languages, and the rankings fused by reciprocal rank. The
 * tenant is a required argument, passed to every search.
 */
public final class HybridRetriever {

  /** Each search fetches this many times k, so fusion has candidates to agree on. */
  static final int CANDIDATES = 3;

  private final KnowledgeIndex index;
  private final Embedders embedders;
  private final QueryVectors vectors;

  public HybridRetriever(KnowledgeIndex index, Embedders embedders) {
    this(index, embedders, new QueryVectors(QueryVectors.DEFAULT_SIZE));
  }

  public HybridRetriever(KnowledgeIndex index, Embedders embedders, QueryVectors vectors) {
    this.index = index;
    this.embedders = embedders;
    this.vectors = vectors;
  }

  /** The k best passages of the tenant for the query. */
  public List<Passage> retrieve(String tenant, String query, int k, SearchFilter filter) {
    Map<String, float[]> byModel = new LinkedHashMap<>();
    for (Embedder embedder : queryEmbedders(tenant, query, filter)) {
      byModel.put(embedder.id(), vectors.embed(embedder, query));
    }
    return index.hybrid(tenant, byModel, query, k * CANDIDATES, k, filter);
  }

  /**
   * One model when the tenant has passages in the query's language: a second embedding only ever
   * found passages of the other language by vector, which BM25 still finds by shared terms. An
   * embedding costs more than the whole index search, so this halves a search.
   */
  List<Embedder> queryEmbedders(String tenant, String query, SearchFilter filter) {
    Set<String> held = index.embedderIds(tenant);
    Embedder own = embedders.forText(query, filter.language());
    if (held.contains(own.id())) {
      return List.of(own);
    }
    return embedders.all().stream().filter(e -> held.contains(e.id())).toList();
  }

  public KnowledgeIndex index() {
    return index;
  }
}
