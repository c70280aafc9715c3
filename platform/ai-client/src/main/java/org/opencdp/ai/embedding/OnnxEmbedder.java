package org.opencdp.ai.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.List;
import java.util.function.Supplier;

/**
 * An in-process, offline embedder over a quantized ONNX model shipped in a jar. The model loads on
 * first use (about half a second), so a service that never embeds never pays for it.
 */
public final class OnnxEmbedder implements Embedder {

  public static final String MINILM = "all-minilm-l6-v2-q";
  public static final String BGE_ZH = "bge-small-zh-v15-q";

  private final String id;
  private final int dimensions;
  private final Supplier<EmbeddingModel> factory;
  private volatile EmbeddingModel model;

  private OnnxEmbedder(String id, int dimensions, Supplier<EmbeddingModel> factory) {
    this.id = id;
    this.dimensions = dimensions;
    this.factory = factory;
  }

  /** English (and any non-CJK) text: all-MiniLM-L6-v2, 384 dimensions. */
  public static OnnxEmbedder english() {
    return new OnnxEmbedder(MINILM, 384, AllMiniLmL6V2QuantizedEmbeddingModel::new);
  }

  /** Chinese text: bge-small-zh-v1.5, 512 dimensions. */
  public static OnnxEmbedder chinese() {
    return new OnnxEmbedder(BGE_ZH, 512, BgeSmallZhV15QuantizedEmbeddingModel::new);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public float[] embed(String text) {
    return model().embed(text).content().vector();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    return model().embedAll(segments).content().stream().map(Embedding::vector).toList();
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          m = factory.get();
          model = m;
        }
      }
    }
    return m;
  }
}
