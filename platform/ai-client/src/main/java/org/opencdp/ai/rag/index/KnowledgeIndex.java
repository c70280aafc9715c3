package org.opencdp.ai.rag.index;

import java.util.List;
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

  /** The embedders whose vectors the index holds. */
  Set<String> embedderIds();

  /** Passages the tenant has. */
  long count(String tenant);

  @Override
  void close();
}
