package org.opencdp.ai.rag.index;

import java.util.List;

/**
 * Optional narrowing of a search: any of the tags, one language, one document. The tenant is not
 * here on purpose: it is a required argument of every search method.
 */
public record SearchFilter(List<String> tags, String language, String documentId) {

  public SearchFilter {
    tags = tags == null ? List.of() : List.copyOf(tags);
    language = language == null || language.isBlank() ? null : language;
    documentId = documentId == null || documentId.isBlank() ? null : documentId;
  }

  public static SearchFilter none() {
    return new SearchFilter(List.of(), null, null);
  }
}
