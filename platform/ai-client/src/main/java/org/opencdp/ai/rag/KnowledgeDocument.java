package org.opencdp.ai.rag;

import java.util.List;
import java.util.Objects;

/** A document to index: its id (a new one with the same id replaces it), title, text and tags. */
public record KnowledgeDocument(
    String documentId, String title, String text, String language, List<String> tags) {

  public KnowledgeDocument {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(text, "text");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
