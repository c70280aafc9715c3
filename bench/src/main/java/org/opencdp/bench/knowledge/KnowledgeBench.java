package org.opencdp.bench.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.opencdp.ai.embedding.Embedder;
import org.opencdp.ai.embedding.Embedders;
import org.opencdp.ai.rag.AnswerCache;
import org.opencdp.ai.rag.KnowledgeBase;
import org.opencdp.ai.rag.chunking.Chunker;
import org.opencdp.ai.rag.chunking.ChunkingProperties;
import org.opencdp.ai.rag.index.IndexedChunk;
import org.opencdp.ai.rag.index.LuceneKnowledgeIndex;
import org.opencdp.ai.rag.index.SearchFilter;
import org.opencdp.ai.rag.retrieval.HybridRetriever;

/**
 * Knowledge benchmark, all in-process: embedding throughput of both local models, then, per index
 * size, hybrid search latency (query embedding + HNSW + BM25 + fusion), the index part alone, and
 * offline ask latency. Indexed chunks carry synthetic sentences and vectors scattered around real
 * embeddings of such sentences (embedding 100k chunks for real would take the run's whole budget
 * and measure the embedder again, not the index).
 *
 * <p>Usage: {@code KnowledgeBench <work dir> <sizes, e.g. 10000,100000> <queries>}
 */
public final class KnowledgeBench {

  static final String TENANT = "bench";
  static final int BASES = 500;

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "bench/target/knowledge");
    String sizes = args.length > 1 ? args[1] : "10000";
    int queries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    System.setProperty("DJL_CACHE_DIR", work.resolve("djl").toAbsolutePath().toString());
    Embedders embedders = Embedders.local();
    SyntheticCorpus corpus = new SyntheticCorpus(42);

    List<String> en = corpus.sentences(BASES, false);
    List<String> zh = corpus.sentences(BASES, true);
    Embedder minilm = embedders.forText("x", "en");
    Embedder bge = embedders.forText("x", "zh");
    List<float[]> enVectors = throughput(minilm, en);
    List<float[]> zhVectors = throughput(bge, zh);

    System.out.println();
    System.out.println(
        "| chunks | search p50 ms | p99 ms | index only p50 ms | p99 ms | offline ask p50 ms | p99 ms | build s |");
    System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (String size : sizes.split(",")) {
      int chunks = Integer.parseInt(size.strip());
      Path dir = work.resolve("index-" + chunks + "-" + UUID.randomUUID());
      try (LuceneKnowledgeIndex index = new LuceneKnowledgeIndex(dir)) {
        long start = System.nanoTime();
        build(index, corpus, chunks, en, enVectors, zh, zhVectors, minilm.id(), bge.id());
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        row(index, embedders, corpus, chunks, queries, buildSeconds);
      } finally {
        delete(dir);
      }
    }
  }

  /** Sentences per second, one at a time and in batches of 32; returns the vectors. */
  static List<float[]> throughput(Embedder embedder, List<String> sentences) {
    embedder.embedAll(sentences.subList(0, 32)); // loads the model and warms it
    long start = System.nanoTime();
    for (String s : sentences.subList(0, 200)) {
      embedder.embed(s);
    }
    double single = 200 / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i += 32) {
      vectors.addAll(embedder.embedAll(sentences.subList(i, Math.min(sentences.size(), i + 32))));
    }
    double batched = sentences.size() / ((System.nanoTime() - start) / 1e9);
    System.out.printf(
        "embedding %s (%d-d): %.0f sentences/s one by one, %.0f sentences/s in batches of 32%n",
        embedder.id(), embedder.dimensions(), single, batched);
    return vectors;
  }

  static void build(
      LuceneKnowledgeIndex index,
      SyntheticCorpus corpus,
      int chunks,
      List<String> en,
      List<float[]> enVectors,
      List<String> zh,
      List<float[]> zhVectors,
      String enId,
      String zhId) {
    for (int i = 0; i < chunks; i++) {
      boolean chinese = i % 5 == 4; // a fifth Chinese
      int base = corpus.nextInt(BASES);
      String text =
          chinese ? corpus.chinese() + zh.get(base) : corpus.english() + " " + en.get(base);
      float[] vector = corpus.near(chinese ? zhVectors.get(base) : enVectors.get(base), 0.35);
      String id = "doc-" + i;
      index.replace(
          TENANT,
          id,
          List.of(
              new IndexedChunk(
                  id,
                  "Report " + i,
                  0,
                  text,
                  chinese ? "zh" : "en",
                  List.of(),
                  chinese ? zhId : enId,
                  vector)));
    }
    index.commit();
  }

  static void row(
      LuceneKnowledgeIndex index,
      Embedders embedders,
      SyntheticCorpus corpus,
      int chunks,
      int queries,
      double buildSeconds) {
    HybridRetriever retriever = new HybridRetriever(index, embedders);
    KnowledgeBase base =
        new KnowledgeBase(
            index,
            embedders,
            new Chunker(ChunkingProperties.defaults()),
            null,
            new AnswerCache(0, Duration.ZERO, Clock.systemUTC()));
    List<String> questions = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      questions.add(
          i % 5 == 4
              ? "产品" + "ABCDEFGH".charAt(i % 8) + "的市场表现如何?"
              : "How did product " + "ABCDEFGH".charAt(i % 8) + " sales grow?");
    }
    Embedder minilm = embedders.forText("x", "en");
    Embedder bge = embedders.forText("x", "zh");
    List<float[]> enQ = minilm.embedAll(questions);
    List<float[]> zhQ = bge.embedAll(questions);
    Histogram search =
        measure(questions, q -> () -> retriever.retrieve(TENANT, q, 5, SearchFilter.none()));
    int[] n = {0};
    Histogram indexOnly =
        measure(
            questions,
            q ->
                () -> {
                  int i = n[0]++ % questions.size();
                  index.nearest(TENANT, minilm.id(), enQ.get(i), 15, SearchFilter.none());
                  index.nearest(TENANT, bge.id(), zhQ.get(i), 15, SearchFilter.none());
                  return index.matching(TENANT, q, 15, SearchFilter.none());
                });
    Histogram ask = measure(questions, q -> () -> base.ask(TENANT, q, null, SearchFilter.none()));
    System.out.printf(
        "| %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |%n",
        chunks,
        ms(search, 50),
        ms(search, 99),
        ms(indexOnly, 50),
        ms(indexOnly, 99),
        ms(ask, 50),
        ms(ask, 99),
        buildSeconds);
  }

  /** Runs every question twice as warm-up, then once measured. */
  static Histogram measure(
      List<String> questions, java.util.function.Function<String, Supplier<?>> call) {
    for (int round = 0; round < 2; round++) {
      questions.forEach(q -> call.apply(q).get());
    }
    Histogram h = new Histogram(3);
    for (String q : questions) {
      Supplier<?> s = call.apply(q);
      long start = System.nanoTime();
      s.get();
      h.recordValue((System.nanoTime() - start) / 1000);
    }
    return h;
  }

  static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
