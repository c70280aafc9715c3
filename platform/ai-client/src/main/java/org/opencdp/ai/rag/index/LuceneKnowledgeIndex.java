package org.opencdp.ai.rag.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * The knowledge index in an embedded, persistent Lucene 9 index: per passage a BM25 text field (CJK
 * bigrams beside standard word tokens, so Chinese and English both match) and an HNSW vector field
 * per embedder ({@code vector.<embedder id>}, cosine). The tenant is an indexed keyword and a
 * mandatory filter clause of every query.
 */
public final class LuceneKnowledgeIndex implements KnowledgeIndex {

  static final String TENANT = "tenant";
  static final String KEY = "key";
  static final String DOCUMENT = "documentId";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String LANGUAGE = "language";
  static final String TAG = "tag";
  static final String ORDINAL = "ordinal";
  static final String VECTOR = "vector.";
  static final int MAX_QUERY_TERMS = 256;

  private final Analyzer analyzer = new CJKAnalyzer(CharArraySet.EMPTY_SET);
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

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
    List<Document> docs = chunks.stream().map(c -> document(tenant, c)).toList();
    try {
      writer.updateDocuments(new Term(KEY, key(tenant, documentId)), docs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Document document(String tenant, IndexedChunk chunk) {
    Document d = new Document();
    d.add(new StringField(TENANT, tenant, Field.Store.NO));
    d.add(new StringField(KEY, key(tenant, chunk.documentId()), Field.Store.NO));
    d.add(new StringField(DOCUMENT, chunk.documentId(), Field.Store.YES));
    d.add(new StoredField(TITLE, chunk.title()));
    d.add(new StoredField(ORDINAL, chunk.ordinal()));
    // the title is searched with the text: a passage is about what its document is about
    d.add(new TextField(TEXT, chunk.title() + "\n" + chunk.text(), Field.Store.NO));
    d.add(new StoredField("body", chunk.text()));
    if (chunk.language() != null) {
      d.add(new StringField(LANGUAGE, chunk.language(), Field.Store.YES));
    }
    for (String tag : chunk.tags()) {
      d.add(new StringField(TAG, tag, Field.Store.YES));
    }
    d.add(
        new KnnFloatVectorField(
            VECTOR + chunk.embedderId(), chunk.vector(), VectorSimilarityFunction.COSINE));
    return d;
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

  @Override
  public List<Passage> nearest(
      String tenant, String embedderId, float[] vector, int k, SearchFilter filter) {
    if (!embedderIds().contains(embedderId)) {
      return List.of();
    }
    Query query = new KnnFloatVectorQuery(VECTOR + embedderId, vector, k, scope(tenant, filter));
    return search(query, k);
  }

  @Override
  public List<Passage> matching(String tenant, String text, int k, SearchFilter filter) {
    BooleanQuery.Builder terms = new BooleanQuery.Builder();
    Set<String> seen = new LinkedHashSet<>(terms(text));
    if (seen.isEmpty()) {
      return List.of();
    }
    seen.stream()
        .limit(MAX_QUERY_TERMS)
        .forEach(t -> terms.add(new TermQuery(new Term(TEXT, t)), Occur.SHOULD));
    Query query =
        new BooleanQuery.Builder()
            .add(terms.build(), Occur.MUST)
            .add(scope(tenant, filter), Occur.FILTER)
            .build();
    return search(query, k);
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

  private List<Passage> search(Query query, int k) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        List<Passage> out = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query, k).scoreDocs) {
          out.add(passage(searcher.storedFields().document(hit.doc), hit.score));
        }
        return out;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Passage passage(Document d, float score) {
    List<String> tags = Arrays.stream(d.getFields(TAG)).map(IndexableField::stringValue).toList();
    IndexableField ordinal = d.getField(ORDINAL);
    return new Passage(
        d.get(DOCUMENT),
        d.get(TITLE),
        ordinal == null ? 0 : ordinal.numericValue().intValue(),
        d.get("body"),
        d.get(LANGUAGE),
        tags,
        score);
  }

  @Override
  public Set<String> embedderIds() {
    Set<String> ids = new HashSet<>();
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        for (var leaf : searcher.getIndexReader().leaves()) {
          for (FieldInfo info : leaf.reader().getFieldInfos()) {
            if (info.name.startsWith(VECTOR)) {
              ids.add(info.name.substring(VECTOR.length()));
            }
          }
        }
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  @Override
  public long count(String tenant) {
    require(tenant);
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.count(new TermQuery(new Term(TENANT, tenant)));
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

  private static String key(String tenant, String documentId) {
    return tenant + '\u0000' + documentId;
  }

  private static void require(String tenant) {
    if (tenant == null || tenant.isBlank()) {
      throw new IllegalArgumentException("a tenant is required");
    }
  }
}
