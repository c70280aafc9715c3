package org.opencdp.ai.rag.retrieval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencdp.ai.embedding.Embedder;

/**
 * Query embeddings remembered per model, least recently used evicted: a repeated question (a
 * dashboard's, a retry's) skips the model, which is most of a search's time. Vectors depend only on
 * the model and the text, so the cache holds no tenant data beyond the question text itself, and
 * the same question from two tenants yields the same vector either way.
 */
public final class QueryVectors {

  /** Entries kept per model. */
  public static final int DEFAULT_SIZE = 256;

  private final int size;
  private final Map<String, Map<String, float[]>> byModel = new ConcurrentHashMap<>();

  public QueryVectors(int size) {
    this.size = size;
  }

  /** The query's vector from the embedder, cached; callers must not modify the array. */
  public float[] embed(Embedder embedder, String query) {
    if (size <= 0) {
      return embedder.embed(query);
    }
    Map<String, float[]> cache = byModel.computeIfAbsent(embedder.id(), id -> lru());
    float[] vector;
    synchronized (cache) {
      vector = cache.get(query);
    }
    if (vector == null) {
      vector = embedder.embed(query); // outside the lock: two misses may embed twice, harmlessly
      synchronized (cache) {
        cache.put(query, vector);
      }
    }
    return vector;
  }

  private Map<String, float[]> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > size;
      }
    };
  }
}
