package org.opencdp.ai.rag;

import java.util.List;

/**
 * An answer from the knowledge base: its text, the documents it cites, whether every figure in it
 * is found in those sources ({@code grounded}), the figures that are not, and which model (or
 * fallback) produced it.
 */
public record Answer(
    String answer,
    List<Citation> citations,
    boolean grounded,
    String model,
    List<String> unsupported) {

  public Answer {
    citations = List.copyOf(citations);
    unsupported = unsupported == null ? List.of() : List.copyOf(unsupported);
  }

  public Answer withModel(String model) {
    return new Answer(answer, citations, grounded, model, unsupported);
  }
}
