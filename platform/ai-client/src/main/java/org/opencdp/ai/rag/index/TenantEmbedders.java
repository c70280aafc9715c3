package org.opencdp.ai.rag.index;

import static org.opencdp.ai.rag.index.LuceneDocuments.TENANT;
import static org.opencdp.ai.rag.index.LuceneDocuments.VECTOR;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

/**
 * Which embedders' vectors the index, and each tenant in it, holds: read from the field infos and a
 * count per tenant, and kept until the searcher moves to a new index version.
 */
final class TenantEmbedders {

  private record Version(IndexReader reader, Set<String> all, Map<String, Set<String>> byTenant) {}

  private volatile Version version;

  Set<String> all(IndexSearcher searcher) {
    return current(searcher).all();
  }

  Set<String> of(IndexSearcher searcher, String tenant) {
    Version v = current(searcher);
    return v.byTenant().computeIfAbsent(tenant, t -> compute(searcher, v.all(), t));
  }

  private Version current(IndexSearcher searcher) {
    Version v = version;
    if (v == null || v.reader() != searcher.getIndexReader()) {
      v = new Version(searcher.getIndexReader(), fields(searcher), new ConcurrentHashMap<>());
      version = v;
    }
    return v;
  }

  private static Set<String> fields(IndexSearcher searcher) {
    Set<String> ids = new LinkedHashSet<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      for (FieldInfo info : leaf.reader().getFieldInfos()) {
        if (info.name.startsWith(VECTOR)) {
          ids.add(info.name.substring(VECTOR.length()));
        }
      }
    }
    return Set.copyOf(ids);
  }

  private static Set<String> compute(IndexSearcher searcher, Set<String> all, String tenant) {
    Set<String> held = new LinkedHashSet<>();
    try {
      for (String id : all) {
        var query =
            new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TENANT, tenant)), Occur.FILTER)
                .add(new FieldExistsQuery(VECTOR + id), Occur.FILTER)
                .build();
        if (searcher.count(query) > 0) {
          held.add(id);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(held);
  }
}
