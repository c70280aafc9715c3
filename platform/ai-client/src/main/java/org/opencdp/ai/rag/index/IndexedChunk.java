package org.opencdp.ai.rag.index;

import java.util.List;
import java.util.Objects;

/**
 * One passage of a document as stored: its text for BM25 and display, and its vector with the id of
 * the embedder that made it (vectors of different embedders are kept apart).
 */
public record IndexedChunk(
    String documentId,
    String title,
    int ordinal,
    String text,
    String language,
    List<String> tags,
    String embedderId,
    float[] vector) {

  public IndexedChunk {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(embedderId, "embedderId");
    Objects.requireNonNull(vector, "vector");
    title = title == null ? "" : title;
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
