package org.opencdp.ai.rag.index;

import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;

/** How a passage is laid out as a Lucene document, both ways. */
final class LuceneDocuments {

  static final String TENANT = "tenant";
  static final String KEY = "key";
  static final String DOCUMENT = "documentId";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String BODY = "body";
  static final String LANGUAGE = "language";
  static final String TAG = "tag";
  static final String ORDINAL = "ordinal";
  static final String VECTOR = "vector.";

  private LuceneDocuments() {}

  static Document document(String tenant, IndexedChunk chunk) {
    Document d = new Document();
    d.add(new StringField(TENANT, tenant, Field.Store.NO));
    d.add(new StringField(KEY, key(tenant, chunk.documentId()), Field.Store.NO));
    d.add(new StringField(DOCUMENT, chunk.documentId(), Field.Store.YES));
    d.add(new StoredField(TITLE, chunk.title()));
    d.add(new StoredField(ORDINAL, chunk.ordinal()));
    // the title is searched with the text: a passage is about what its document is about
    d.add(new TextField(TEXT, chunk.title() + "\n" + chunk.text(), Field.Store.NO));
    d.add(new StoredField(BODY, chunk.text()));
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

  static Passage passage(Document d, double score) {
    List<String> tags = Arrays.stream(d.getFields(TAG)).map(IndexableField::stringValue).toList();
    IndexableField ordinal = d.getField(ORDINAL);
    return new Passage(
        d.get(DOCUMENT),
        d.get(TITLE),
        ordinal == null ? 0 : ordinal.numericValue().intValue(),
        d.get(BODY),
        d.get(LANGUAGE),
        tags,
        score);
  }

  static String key(String tenant, String documentId) {
    return tenant + '\u0000' + documentId;
  }
}
