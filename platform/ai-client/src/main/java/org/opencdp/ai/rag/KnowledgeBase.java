package org.opencdp.ai.rag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencdp.ai.Languages;
import org.opencdp.ai.budget.BudgetExhausted;
import org.opencdp.ai.chat.Completion;
import org.opencdp.ai.chat.LanguageModel;
import org.opencdp.ai.embedding.Embedder;
import org.opencdp.ai.embedding.Embedders;
import org.opencdp.ai.offline.OfflineAnswerer;
import org.opencdp.ai.rag.chunking.Chunker;
import org.opencdp.ai.rag.grounding.Grounding;
import org.opencdp.ai.rag.grounding.GroundingCheck;
import org.opencdp.ai.rag.index.IndexedChunk;
import org.opencdp.ai.rag.index.KnowledgeIndex;
import org.opencdp.ai.rag.index.Passage;
import org.opencdp.ai.rag.index.SearchFilter;
import org.opencdp.ai.rag.retrieval.HybridRetriever;
import org.opencdp.ai.rag.retrieval.QueryVectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's knowledge base: documents in (chunked, embedded by their language's model, replacing
 * the document's earlier passages), hybrid search, and grounded answers, from the language model
 * when one is configured, from the {@link OfflineAnswerer} otherwise and whenever the model fails
 * or the tenant's budget is spent (the answer's {@code model} then says so).
 */
public final class KnowledgeBase {

  /** Passages an answer is drawn from. */
  public static final int ANSWER_PASSAGES = 5;

  static final String FEATURE = "knowledge-ask";
  private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
  private static final Pattern CITATION = Pattern.compile("\\[(\\d+)]");

  private final KnowledgeIndex index;
  private final Embedders embedders;
  private final Chunker chunker;
  private final HybridRetriever retriever;
  private final OfflineAnswerer offline = new OfflineAnswerer();
  private final LanguageModel model;
  private final AnswerCache cache;
  private final QueryVectors queryVectors = new QueryVectors(QueryVectors.DEFAULT_SIZE);

  /** {@code model} may be null: then every answer is the offline one. */
  public KnowledgeBase(
      KnowledgeIndex index,
      Embedders embedders,
      Chunker chunker,
      LanguageModel model,
      AnswerCache cache) {
    this.index = index;
    this.embedders = embedders;
    this.chunker = chunker;
    this.retriever = new HybridRetriever(index, embedders, queryVectors);
    this.model = model;
    this.cache = cache;
  }

  /** Indexes the document, replacing what the tenant had under its id; visible after commit. */
  public int add(String tenant, KnowledgeDocument document) {
    String language = Languages.resolve(document.language(), document.text());
    Embedder embedder = embedders.forText(document.text(), language);
    List<String> chunks = chunker.chunk(document.text());
    List<float[]> vectors =
        embedder.embedAll(chunks.stream().map(c -> embeddable(document, c)).toList());
    List<IndexedChunk> indexed = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      indexed.add(
          new IndexedChunk(
              document.documentId(),
              document.title(),
              i,
              chunks.get(i),
              language,
              document.tags(),
              embedder.id(),
              vectors.get(i)));
    }
    index.replace(tenant, document.documentId(), indexed);
    cache.clear(tenant);
    return indexed.size();
  }

  /** The title travels with every passage into its vector: it says what the passage is about. */
  private static String embeddable(KnowledgeDocument document, String chunk) {
    return document.title() == null ? chunk : document.title() + "\n" + chunk;
  }

  public void commit() {
    index.commit();
  }

  public List<Passage> search(String tenant, String query, int k, SearchFilter filter) {
    return retriever.retrieve(tenant, query, k, filter);
  }

  /** A grounded answer to the question from the tenant's documents. */
  public Answer ask(String tenant, String question, String language, SearchFilter filter) {
    String lang = Languages.resolve(language, question);
    List<Passage> passages = retriever.retrieve(tenant, question, ANSWER_PASSAGES, filter);
    Answer extractive = offline.answer(question, lang, passages);
    if (model == null || passages.isEmpty()) {
      return extractive;
    }
    var prompt = PromptAssembly.answer(question, lang, passages);
    Answer cached = cache.get(tenant, prompt.exact());
    if (cached != null) {
      return cached;
    }
    // the retriever embedded the question already, so this vector is normally a cache hit
    Embedder embedder = embedders.forText(question, lang);
    float[] vector = queryVectors.embed(embedder, question);
    String context = context(lang, passages);
    Answer similar = cache.getSimilar(tenant, embedder.id(), vector, context);
    if (similar != null) {
      return similar;
    }
    try {
      Completion completion = model.complete(tenant, FEATURE, prompt);
      Answer answer = fromModel(completion, passages);
      cache.put(tenant, prompt.exact(), answer);
      cache.putSimilar(tenant, embedder.id(), vector, context, answer);
      return answer;
    } catch (BudgetExhausted e) {
      return extractive.withModel(OfflineAnswerer.MODEL + " (fallback: token budget exhausted)");
    } catch (RuntimeException e) {
      log.warn("Model {} failed, answering offline: {}", model.model(), e.toString());
      return extractive.withModel(
          OfflineAnswerer.MODEL + " (fallback: " + model.model() + " unavailable)");
    }
  }

  /** What the model is shown besides the question: the answer language and the passages. */
  private static String context(String language, List<Passage> passages) {
    StringBuilder out = new StringBuilder(language);
    for (Passage p : passages) {
      out.append('\u0001').append(p.key()).append('\u0002').append(p.text());
    }
    return out.toString();
  }

  private static Answer fromModel(Completion completion, List<Passage> passages) {
    List<String> sources = passages.stream().map(Passage::text).toList();
    Grounding grounding = GroundingCheck.check(completion.text(), sources);
    Set<Integer> cited = new LinkedHashSet<>();
    Matcher m = CITATION.matcher(completion.text());
    while (m.find()) {
      int n = Integer.parseInt(m.group(1));
      if (n >= 1 && n <= passages.size()) {
        cited.add(n);
      }
    }
    List<Citation> citations = new ArrayList<>();
    for (int n : cited) {
      Passage p = passages.get(n - 1);
      citations.add(new Citation(p.documentId(), p.title(), p.text()));
    }
    boolean unknown = cited.isEmpty() && completion.text().matches("(?s).*(I don't know|我不知道).*");
    return new Answer(
        completion.text(),
        citations,
        grounding.grounded() && !unknown,
        completion.model(),
        grounding.unsupported());
  }

  public KnowledgeIndex index() {
    return index;
  }
}
