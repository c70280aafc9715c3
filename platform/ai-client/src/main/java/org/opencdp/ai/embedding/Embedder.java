package org.opencdp.ai.embedding;

import java.util.List;

/**
 * Turns text into a vector. Vectors of different embedders are not comparable, so every stored
 * vector carries its embedder's {@link #id()}.
 */
public interface Embedder {

  /** Stable identifier of the model, stored beside every vector it produced. */
  String id();

  int dimensions();

  float[] embed(String text);

  default List<float[]> embedAll(List<String> texts) {
    return texts.stream().map(this::embed).toList();
  }
}
