package org.opencdp.ai.embedding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.ai.Languages;

/**
 * The embedders a process has, and which one a text gets: by language when local models are in use
 * (Chinese text to bge-small-zh, the rest to MiniLM), the one remote model otherwise.
 */
public final class Embedders {

  private final Map<String, Embedder> byId = new LinkedHashMap<>();
  private final Embedder english;
  private final Embedder chinese;

  public Embedders(Embedder english, Embedder chinese) {
    this.english = english;
    this.chinese = chinese;
    byId.put(english.id(), english);
    byId.put(chinese.id(), chinese);
  }

  /** The two in-process models. */
  public static Embedders local() {
    return new Embedders(OnnxEmbedder.english(), OnnxEmbedder.chinese());
  }

  /** One model for every language. */
  public static Embedders single(Embedder embedder) {
    return new Embedders(embedder, embedder);
  }

  /** The embedder for a text in the given language ("zh", "en", or null to detect). */
  public Embedder forText(String text, String language) {
    return Languages.CHINESE.equals(Languages.resolve(language, text)) ? chinese : english;
  }

  public Optional<Embedder> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<Embedder> all() {
    return List.copyOf(byId.values());
  }
}
