package org.opencdp.ai.rag.index;

import java.util.List;

/** A stored passage as a search returns it, with the score of that one search. */
public record Passage(
    String documentId,
    String title,
    int ordinal,
    String text,
    String language,
    List<String> tags,
    double score) {

  /** Identifies the passage across searches (for rank fusion). */
  public String key() {
    return documentId + "#" + ordinal;
  }

  public Passage withScore(double score) {
    return new Passage(documentId, title, ordinal, text, language, tags, score);
  }
}
