package org.opencdp.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Unstructured text sent to {@code /v1/documents} (product docs, notes, logs, past reports) and
 * carried on {@code cdp.raw.documents} to the knowledge base.
 */
public record Document(
    String documentId,
    String title,
    String text,
    String language,
    List<String> tags,
    String tenantId,
    String sourceId,
    Instant receivedAt) {

  public Document {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(text, "text");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
