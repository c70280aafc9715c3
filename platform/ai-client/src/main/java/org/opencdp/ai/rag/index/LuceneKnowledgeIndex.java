package org.opencdp.ai.rag.index;

import static org.opencdp.ai.rag.index.LuceneDocuments.DOCUMENT;
import static org.opencdp.ai.rag.index.LuceneDocuments.LANGUAGE;
import static org.opencdp.ai.rag.index.LuceneDocuments.TAG;
import static org.opencdp.ai.rag.index.LuceneDocuments.TENANT;
import static org.opencdp.ai.rag.index.LuceneDocuments.TEXT;
import static org.opencdp.ai.rag.index.LuceneDocuments.VECTOR;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;

/**
 * The knowledge index in an embedded, persistent Lucene 9 index: per passage a BM25 text field (CJK
 * bigrams beside standard word tokens, so Chinese and English both match) and an HNSW vector field
 * per embedder ({@code vector.<embedder id>}, cosine). The tenant is an indexed keyword and a
 * mandatory filter clause of every query. One long-lived searcher, refreshed on commit by a {@link
 * SearcherManager}, serves every search.
 */
public final class LuceneKnowledgeIndex implements KnowledgeIndex {

  static final int MAX_QUERY_TERMS = 256;

  private final Analyzer analyzer = new CJKAnalyzer(CharArraySet.EMPTY_SET);
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final TenantEmbedders tenantEmbedders = new TenantEmbedders();

  /** Opens (or creates) the index in the directory; one process at a time holds it. */
  public LuceneKnowledgeIndex(Path dir) {
    try {
      Files.createDirectories(dir);
      directory = FSDirectory.open(dir);
      writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the knowledge index at " + dir, e);
    }
  }

  @Override
  public void replace(String tenant, String documentId, List<IndexedChunk> chunks) {
    require(tenant);
    var docs = chunks.stream().map(c -> LuceneDocuments.document(tenant, c)).toList();
    try {
      writer.updateDocuments(
          new Term(LuceneDocuments.KEY, LuceneDocuments.key(tenant, documentId)), docs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void commit() {
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Merges the index into one segment (one HNSW graph per field); for after bulk loads. */
  @Override
  public void compact() {
    try {
      writer.forceMerge(1);
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Passage> nearest(
      String tenant, String embedderId, float[] vector, int k, SearchFilter filter) {
    Query scope = scope(tenant, filter);
    return withSearcher(
        s ->
            tenantEmbedders.all(s).contains(embedderId)
                ? scored(s, new KnnFloatVectorQuery(VECTOR + embedderId, vector, k, scope), k)
                : List.of());
  }

  @Override
  public List<Passage> matching(String tenant, String text, int k, SearchFilter filter) {
    Query scope = scope(tenant, filter);
    Query bm25 = bm25(text);
    if (bm25 == null) {
      return List.of();
    }
    Query query = new BooleanQuery.Builder().add(bm25, Occur.MUST).add(scope, Occur.FILTER).build();
    return withSearcher(s -> scored(s, query, k));
  }

  /** One search's passages with that search's own scores. */
  private static List<Passage> scored(IndexSearcher searcher, Query query, int k)
      throws IOException {
    var stored = searcher.storedFields();
    List<Passage> out = new ArrayList<>();
    for (ScoreDoc hit : hits(searcher, query, k)) {
      out.add(LuceneDocuments.passage(stored.document(hit.doc), hit.score));
    }
    return out;
  }

  /**
   * All searches on one searcher, fused on Lucene document numbers; only the k winners' stored
   * fields are read (loading every candidate was a third of the index time at 100k passages).
   */
  @Override
  public List<Passage> hybrid(
      String tenant,
      Map<String, float[]> vectors,
      String text,
      int candidates,
      int k,
      SearchFilter filter) {
    Query scope = scope(tenant, filter);
    Query bm25 = text == null ? null : bm25(text);
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        Set<String> present = tenantEmbedders.all(searcher);
        List<List<Integer>> rankings = new ArrayList<>();
        for (var e : vectors.entrySet()) {
          if (present.contains(e.getKey())) {
            Query knn =
                new KnnFloatVectorQuery(VECTOR + e.getKey(), e.getValue(), candidates, scope);
            rankings.add(top(searcher, knn, candidates));
          }
        }
        if (bm25 != null) {
          Query query =
              new BooleanQuery.Builder().add(bm25, Occur.MUST).add(scope, Occur.FILTER).build();
          rankings.add(top(searcher, query, candidates));
        }
        return load(searcher, rankings, k);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Top documents; the total-hits threshold is the page size, so BM25 may skip non-competitive
   * documents (block-max WAND) instead of counting the first thousand hits.
   */
  private static ScoreDoc[] hits(IndexSearcher searcher, Query query, int n) throws IOException {
    return searcher.search(query, new TopScoreDocCollectorManager(n, null, n)).scoreDocs;
  }

  private static List<Integer> top(IndexSearcher searcher, Query query, int n) throws IOException {
    ScoreDoc[] hits = hits(searcher, query, n);
    List<Integer> ids = new ArrayList<>(hits.length);
    for (ScoreDoc hit : hits) {
      ids.add(hit.doc);
    }
    return ids;
  }

  private static List<Passage> load(IndexSearcher searcher, List<List<Integer>> rankings, int k)
      throws IOException {
    var fused = ReciprocalRanks.fuse(rankings, k);
    var stored = searcher.storedFields();
    List<Passage> out = new ArrayList<>(fused.size());
    for (var f : fused) {
      out.add(LuceneDocuments.passage(stored.document(f.key()), f.score()));
    }
    return out;
  }

  /** The query's terms as SHOULD clauses, or null when it has none. */
  private Query bm25(String text) {
    Set<String> seen = new LinkedHashSet<>(terms(text));
    if (seen.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder terms = new BooleanQuery.Builder();
    seen.stream()
        .limit(MAX_QUERY_TERMS)
        .forEach(t -> terms.add(new TermQuery(new Term(TEXT, t)), Occur.SHOULD));
    return terms.build();
  }

  /** The analyzed terms of a text, as the index holds them. */
  List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The tenant, always, and whatever the filter asks for. */
  private static Query scope(String tenant, SearchFilter filter) {
    require(tenant);
    BooleanQuery.Builder scope = new BooleanQuery.Builder();
    scope.add(new TermQuery(new Term(TENANT, tenant)), Occur.FILTER);
    if (filter.language() != null) {
      scope.add(new TermQuery(new Term(LANGUAGE, filter.language())), Occur.FILTER);
    }
    if (filter.documentId() != null) {
      scope.add(new TermQuery(new Term(DOCUMENT, filter.documentId())), Occur.FILTER);
    }
    if (!filter.tags().isEmpty()) {
      BooleanQuery.Builder anyTag = new BooleanQuery.Builder();
      filter.tags().forEach(t -> anyTag.add(new TermQuery(new Term(TAG, t)), Occur.SHOULD));
      scope.add(anyTag.build(), Occur.FILTER);
    }
    return scope.build();
  }

  @Override
  public Set<String> embedderIds() {
    return withSearcher(tenantEmbedders::all);
  }

  /** Computed once per tenant and index version, so asking per query costs a map lookup. */
  @Override
  public Set<String> embedderIds(String tenant) {
    require(tenant);
    return withSearcher(s -> tenantEmbedders.of(s, tenant));
  }

  @Override
  public long count(String tenant) {
    require(tenant);
    return withSearcher(s -> (long) s.count(new TermQuery(new Term(TENANT, tenant))));
  }

  private interface SearcherCall<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherCall<T> call) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return call.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void require(String tenant) {
    if (tenant == null || tenant.isBlank()) {
      throw new IllegalArgumentException("a tenant is required");
    }
  }
}
