package org.opencdp.ai.rag.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencdp.ai.embedding.Embedder;
import org.opencdp.ai.embedding.Embedders;
import org.opencdp.ai.rag.index.IndexedChunk;
import org.opencdp.ai.rag.index.LuceneKnowledgeIndex;
import org.opencdp.ai.rag.index.Passage;
import org.opencdp.ai.rag.index.SearchFilter;

/** Which models embed a query, the query-vector cache, and hybrid fusion inside the index. */
class HybridRetrieverTest {

  /** Bag of hashed characters: similar texts get similar vectors; counts its calls. */
  static final class CountingEmbedder implements Embedder {
    final String id;
    final AtomicInteger calls = new AtomicInteger();

    CountingEmbedder(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public int dimensions() {
      return 16;
    }

    @Override
    public float[] embed(String text) {
      calls.incrementAndGet();
      float[] v = new float[16];
      text.codePoints().forEach(cp -> v[Math.floorMod(cp * 31, 16)] += 1);
      v[0] += 0.01f; // never the zero vector
      return v;
    }
  }

  final CountingEmbedder english = new CountingEmbedder("en-model");
  final CountingEmbedder chinese = new CountingEmbedder("zh-model");
  final Embedders embedders = new Embedders(english, chinese);
  final LuceneKnowledgeIndex index =
      new LuceneKnowledgeIndex(Path.of("target/test-index", "hybrid-" + UUID.randomUUID()));

  @AfterEach
  void close() {
    index.close();
  }

  void add(String tenant, String id, String text, CountingEmbedder by, String language) {
    float[] v = by.embed(text);
    by.calls.decrementAndGet(); // indexing is not what the tests count
    index.replace(
        tenant, id, List.of(new IndexedChunk(id, id, 0, text, language, List.of(), by.id(), v)));
  }

  @Test
  void embedsTheQueryOnlyWithTheModelOfItsLanguageWhenTheTenantHoldsIt() {
    add("t1", "refunds", "refunds within thirty days", english, "en");
    add("t1", "tuihuo", "七天无理由退货", chinese, "zh");
    index.commit();
    HybridRetriever retriever = new HybridRetriever(index, embedders);

    List<Passage> hits = retriever.retrieve("t1", "how do refunds work", 2, SearchFilter.none());

    assertThat(hits).extracting(Passage::documentId).startsWith("refunds");
    assertThat(english.calls).hasValue(1);
    assertThat(chinese.calls).hasValue(0);
  }

  @Test
  void embedsWithTheModelsTheTenantHoldsWhenItHasNoPassageInTheQuerysLanguage() {
    add("t1", "tuihuo", "七天无理由退货", chinese, "zh");
    add("t2", "refunds", "refunds within thirty days", english, "en");
    index.commit();
    HybridRetriever retriever = new HybridRetriever(index, embedders);

    assertThat(index.embedderIds("t1")).containsExactly("zh-model");
    retriever.retrieve("t1", "how do refunds work", 2, SearchFilter.none());

    assertThat(english.calls).hasValue(0); // t2's English passages do not count for t1
    assertThat(chinese.calls).hasValue(1);
  }

  @Test
  void embedsARepeatedQuestionOnce() {
    add("t1", "refunds", "refunds within thirty days", english, "en");
    index.commit();
    HybridRetriever retriever = new HybridRetriever(index, embedders);

    var first = retriever.retrieve("t1", "how do refunds work", 1, SearchFilter.none());
    var second = retriever.retrieve("t1", "how do refunds work", 1, SearchFilter.none());

    assertThat(second).isEqualTo(first);
    assertThat(english.calls).hasValue(1);
  }

  List<Passage> fusedSingleSearches(float[] v, String query) {
    SearchFilter none = SearchFilter.none();
    return RankFusion.fuse(
        List.of(
            index.nearest("t1", english.id(), v, 6, none), index.matching("t1", query, 6, none)),
        3);
  }

  @Test
  void fusesInsideTheIndexAsRankFusionDoesOnPassagesAndCompactionKeepsTheRanking() {
    String[] texts = {
      "refunds within thirty days", "express shipping next day", "loyalty points per dollar",
      "refund of shipping costs", "points expire after a year", "days to ship an order"
    };
    for (int i = 0; i < texts.length; i++) {
      add("t1", "d" + i, texts[i], english, "en");
      index.commit(); // one segment each, so compaction has something to merge
    }
    String query = "refund shipping days";
    float[] v = english.embed(query);
    SearchFilter none = SearchFilter.none();

    List<Passage> fused = index.hybrid("t1", Map.of(english.id(), v), query, 6, 3, none);
    assertThat(fused).isEqualTo(fusedSingleSearches(v, query));

    index.compact();
    // merged norms may reorder BM25 ties, so the ranking is compared with the merged index's own
    List<Passage> merged = index.hybrid("t1", Map.of(english.id(), v), query, 6, 3, none);
    assertThat(merged).isEqualTo(fusedSingleSearches(v, query));
    assertThat(merged)
        .extracting(Passage::documentId)
        .containsExactlyInAnyOrderElementsOf(fused.stream().map(Passage::documentId).toList());
    assertThat(index.hybrid("t2", Map.of(english.id(), v), query, 6, 3, none)).isEmpty();
  }
}
