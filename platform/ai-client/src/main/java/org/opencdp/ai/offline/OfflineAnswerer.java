package org.opencdp.ai.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.opencdp.ai.Languages;
import org.opencdp.ai.rag.Answer;
import org.opencdp.ai.rag.Citation;
import org.opencdp.ai.rag.chunking.Chunker;
import org.opencdp.ai.rag.grounding.Grounding;
import org.opencdp.ai.rag.grounding.GroundingCheck;
import org.opencdp.ai.rag.index.Passage;

/**
 * The local answerer: no language model, deterministic. It quotes the sentences of the retrieved
 * passages that address the question, in a Chinese or English template, and cites their documents;
 * it never writes a figure of its own. A passage counts only when it names every entity of the
 * question ("A" in 产品A, "Q2") and at least half of what is asked about ({@link #MIN_COVERAGE});
 * when none does the answer is "I don't know" with grounded=false.
 */
public final class OfflineAnswerer {

  /** The model name answers carry. */
  public static final String MODEL = "opencdp-offline-extractive";

  /** Share of the question's aspect terms a passage must contain to be used. */
  static final double MIN_COVERAGE = 0.5;

  static final int MAX_PASSAGES = 3;
  static final int SENTENCES_PER_PASSAGE = 2;

  /** Answers from the passages (best first), in the language asked for or the question's. */
  public Answer answer(String question, String language, List<Passage> passages) {
    String lang = Languages.resolve(language, question);
    Terms terms = Terms.of(question);
    List<Quote> quotes = new ArrayList<>();
    for (Passage passage : passages) {
      if (quotes.size() == MAX_PASSAGES) {
        break;
      }
      Quote quote = quote(terms, passage);
      if (quote != null) {
        quotes.add(quote);
      }
    }
    if (quotes.isEmpty()) {
      return unknown(lang);
    }
    StringBuilder text = new StringBuilder();
    List<Citation> citations = new ArrayList<>();
    for (int i = 0; i < quotes.size(); i++) {
      Quote q = quotes.get(i);
      text.append(i == 0 ? "" : "\n").append(line(lang, q, i + 1));
      citations.add(new Citation(q.passage.documentId(), q.passage.title(), q.text));
    }
    List<String> sources = quotes.stream().map(q -> q.passage.text()).toList();
    Grounding grounding = GroundingCheck.check(text.toString(), sources);
    return new Answer(
        text.toString(), citations, grounding.grounded(), MODEL, grounding.unsupported());
  }

  /** "I don't know", in the answer's language. */
  public static Answer unknown(String language) {
    String text =
        Languages.CHINESE.equals(language)
            ? "我不知道：知识库中没有能回答这个问题的内容。"
            : "I don't know: the knowledge base holds nothing that answers this question.";
    return new Answer(text, List.of(), false, MODEL, List.of());
  }

  /** The sentences of a relevant passage that address the question, or null. */
  private static Quote quote(Terms terms, Passage passage) {
    Set<String> words = Terms.words(passage.title() + "\n" + passage.text());
    if (!words.containsAll(terms.entities())) {
      return null;
    }
    long matched = terms.aspects().stream().filter(words::contains).count();
    boolean covered =
        terms.aspects().isEmpty()
            ? !terms.entities().isEmpty()
            : matched >= MIN_COVERAGE * terms.aspects().size();
    if (!covered) {
      return null;
    }
    List<String> sentences = Chunker.sentences(passage.text());
    List<String> chosen =
        sentences.stream()
            .filter(s -> hits(terms, s) > 0)
            .sorted(Comparator.comparingLong((String s) -> -hits(terms, s)))
            .limit(SENTENCES_PER_PASSAGE)
            .sorted(Comparator.comparingInt(sentences::indexOf))
            .toList();
    if (chosen.isEmpty()) {
      // the title matched: the passage is about the subject, its opening says what
      chosen = sentences.isEmpty() ? List.of() : List.of(sentences.get(0));
    }
    return chosen.isEmpty() ? null : new Quote(passage, join(chosen));
  }

  private static long hits(Terms terms, String sentence) {
    Set<String> words = Terms.words(sentence);
    return terms.aspects().stream().filter(words::contains).count()
        + terms.entities().stream().filter(words::contains).count();
  }

  private static String line(String language, Quote q, int number) {
    String title =
        q.passage.title() == null || q.passage.title().isBlank() ? null : q.passage.title();
    if (Languages.CHINESE.equals(language)) {
      return (title == null ? "根据资料：" : "根据《" + title + "》：") + q.text + " [" + number + "]";
    }
    return (title == null
            ? "According to the knowledge base: "
            : "According to \"" + title + "\": ")
        + q.text
        + " ["
        + number
        + "]";
  }

  private static String join(List<String> sentences) {
    StringBuilder out = new StringBuilder();
    for (String s : sentences) {
      if (!out.isEmpty() && !Languages.CHINESE.equals(Languages.detect(s))) {
        out.append(' ');
      }
      out.append(s);
    }
    return out.toString();
  }

  private record Quote(Passage passage, String text) {}
}
