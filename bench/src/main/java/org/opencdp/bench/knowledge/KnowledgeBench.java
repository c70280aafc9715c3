package org.opencdp.bench.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.opencdp.ai.rag.retrieval.QueryVectors;

/**
 * Knowledge benchmark, all in-process: embedding throughput of both local models, then, per index
 * size, hybrid search latency (query embedding + HNSW + BM25 + fusion) with fresh and with repeated
 * (cached) questions, the index part alone before and after {@code compact()}, offline ask latency,
 * and a profile of each step alone. Warm-up and measured questions differ, so no cache serves a
 * measured query from the warm-up. Indexed chunks carry synthetic sentences and vectors scattered
 * around real embeddings of such sentences (embedding 100k chunks for real would take the run's
 * whole budget and measure the embedder again, not the index).
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
        "| chunks | search p50 ms | p99 ms | repeated query p50 ms | p99 ms | index only p50 ms"
            + " | p99 ms | unmerged index p50 ms | p99 ms | offline ask p50 ms | p99 ms | build s"
            + " | merge s |");
    System.out.println(
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
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
    // warm-up and measured questions differ, so no cache serves a measured query from warm-up
    List<String> warm = questions(queries, 0);
    List<String> measured = questions(queries, queries);
    Embedder minilm = embedders.forText("x", "en");
    Embedder bge = embedders.forText("x", "zh");
    Map<String, Map<String, float[]>> own = ownVectors(embedders, warm, measured);
    Histogram unmerged = indexOnly(index, own, warm, measured);
    long start = System.nanoTime();
    index.compact();
    double mergeSeconds = (System.nanoTime() - start) / 1e9;

    HybridRetriever uncached = new HybridRetriever(index, embedders, new QueryVectors(0));
    HybridRetriever cached = new HybridRetriever(index, embedders);
    KnowledgeBase base =
        new KnowledgeBase(
            index,
            embedders,
            new Chunker(ChunkingProperties.defaults()),
            null,
            new AnswerCache(0, Duration.ZERO, Clock.systemUTC()));
    Histogram search =
        measure(warm, measured, q -> () -> uncached.retrieve(TENANT, q, 5, SearchFilter.none()));
    // the same questions again: every query vector now comes from the cache
    Histogram repeated =
        measure(measured, measured, q -> () -> cached.retrieve(TENANT, q, 5, SearchFilter.none()));
    Histogram indexOnly = indexOnly(index, own, warm, measured);
    Histogram ask =
        measure(warm, measured, q -> () -> base.ask(TENANT, q, null, SearchFilter.none()));
    System.out.printf(
        "| %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f |%n",
        chunks,
        ms(search, 50),
        ms(search, 99),
        ms(repeated, 50),
        ms(repeated, 99),
        ms(indexOnly, 50),
        ms(indexOnly, 99),
        ms(unmerged, 50),
        ms(unmerged, 99),
        ms(ask, 50),
        ms(ask, 99),
        buildSeconds,
        mergeSeconds);
    profile(index, minilm, bge, warm, measured, chunks);
  }

  static List<String> questions(int count, int offset) {
    List<String> out = new ArrayList<>();
    for (int i = offset; i < offset + count; i++) {
      char product = "ABCDEFGH".charAt(i % 8);
      out.add(
          i % 5 == 4
              ? "产品" + product + "在第" + i + "周的市场表现如何?"
              : "How did product " + product + " sales grow in week " + i + "?");
    }
    return out;
  }

  /** Each question's vector by the model of its language, as the retriever picks it. */
  static Map<String, Map<String, float[]>> ownVectors(
      Embedders embedders, List<String> warm, List<String> measured) {
    Map<String, Map<String, float[]>> out = new HashMap<>();
    for (String q : Stream.concat(warm.stream(), measured.stream()).toList()) {
      Embedder e = embedders.forText(q, null);
      out.put(q, Map.of(e.id(), e.embed(q)));
    }
    return out;
  }

  static Histogram indexOnly(
      LuceneKnowledgeIndex index,
      Map<String, Map<String, float[]>> own,
      List<String> warm,
      List<String> measured) {
    return measure(
        warm, measured, q -> () -> index.hybrid(TENANT, own.get(q), q, 15, 5, SearchFilter.none()));
  }

  /** Where a search's time goes: each step alone, on the merged index. */
  static void profile(
      LuceneKnowledgeIndex index,
      Embedder minilm,
      Embedder bge,
      List<String> warm,
      List<String> measured,
      int chunks) {
    List<String> warmEn = warm.stream().filter(q -> !q.startsWith("产品")).toList();
    List<String> warmZh = warm.stream().filter(q -> q.startsWith("产品")).toList();
    List<String> en = measured.stream().filter(q -> !q.startsWith("产品")).toList();
    List<String> zh = measured.stream().filter(q -> q.startsWith("产品")).toList();
    Map<String, float[]> enV = new HashMap<>();
    Map<String, float[]> zhV = new HashMap<>();
    measured.forEach(q -> enV.put(q, minilm.embed(q)));
    measured.forEach(q -> zhV.put(q, bge.embed(q)));
    warm.forEach(q -> enV.put(q, minilm.embed(q)));
    warm.forEach(q -> zhV.put(q, bge.embed(q)));
    SearchFilter none = SearchFilter.none();
    step(chunks, "embed English query (MiniLM)", measure(warmEn, en, q -> () -> minilm.embed(q)));
    step(chunks, "embed Chinese query (bge-zh)", measure(warmZh, zh, q -> () -> bge.embed(q)));
    step(
        chunks,
        "embed English query with bge-zh (old second embedding)",
        measure(warmEn, en, q -> () -> bge.embed(q)));
    step(
        chunks,
        "HNSW MiniLM k=15 (+15 stored docs)",
        measure(
            warm, measured, q -> () -> index.nearest(TENANT, minilm.id(), enV.get(q), 15, none)));
    step(
        chunks,
        "HNSW bge-zh k=15 (+15 stored docs)",
        measure(warm, measured, q -> () -> index.nearest(TENANT, bge.id(), zhV.get(q), 15, none)));
    step(
        chunks,
        "BM25 k=15 (+15 stored docs)",
        measure(warm, measured, q -> () -> index.matching(TENANT, q, 15, none)));
    step(
        chunks,
        "old index part: 2 nearest + matching, 45 stored docs, no fusion",
        measure(
            warm,
            measured,
            q ->
                () -> {
                  index.nearest(TENANT, minilm.id(), enV.get(q), 15, none);
                  index.nearest(TENANT, bge.id(), zhV.get(q), 15, none);
                  return index.matching(TENANT, q, 15, none);
                }));
    step(
        chunks,
        "2 HNSW + BM25 on one searcher, fused, 5 stored docs",
        measure(
            warm,
            measured,
            q ->
                () ->
                    index.hybrid(
                        TENANT,
                        Map.of(minilm.id(), enV.get(q), bge.id(), zhV.get(q)),
                        q,
                        15,
                        5,
                        none)));
  }

  static void step(int chunks, String what, Histogram h) {
    System.out.printf("profile %,d | %s | %.2f | %.2f |%n", chunks, what, ms(h, 50), ms(h, 99));
  }

  /** Runs the warm-up questions twice, then each measured question once. */
  static Histogram measure(
      List<String> warm,
      List<String> measured,
      java.util.function.Function<String, Supplier<?>> call) {
    for (int round = 0; round < 2; round++) {
      warm.forEach(q -> call.apply(q).get());
    }
    Histogram h = new Histogram(3);
    for (String q : measured) {
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
