package org.opencdp.ai.rag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers per tenant (the tenant is part of every key, so an answer never crosses tenants), each
 * served for a limited time: by exact prompt, least recently used evicted, and by similar question
 * over an identical retrieved context (see {@link #SIMILAR}).
 */
public final class AnswerCache {

  /**
   * Cosine similarity of two question embeddings at or above which the second may reuse the first's
   * answer, and only when both retrieved exactly the same passages (so the model saw the same
   * sources) in the same answer language. 0.95 admits rewordings such as case, punctuation, word
   * order and filler words; real paraphrases score lower (about 0.7 to 0.9 with MiniLM) and go to
   * the model.
   */
  public static final double SIMILAR = 0.95;

  private final int size;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> entries;
  private final Map<String, Deque<Similar>> similar = new HashMap<>();

  public AnswerCache(int size, Duration ttl, Clock clock) {
    this.size = size;
    this.ttl = ttl;
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > AnswerCache.this.size;
          }
        };
  }

  public synchronized Answer get(String tenant, String prompt) {
    Entry e = entries.get(key(tenant, prompt));
    if (e == null || e.expires.isBefore(clock.instant())) {
      return null;
    }
    return e.answer;
  }

  public synchronized void put(String tenant, String prompt, Answer answer) {
    if (size > 0) {
      entries.put(key(tenant, prompt), new Entry(answer, clock.instant().plus(ttl)));
    }
  }

  /**
   * The tenant's answer to a question whose vector (same model) is at least {@link #SIMILAR} close
   * and whose retrieved context is identical, or null.
   */
  public synchronized Answer getSimilar(
      String tenant, String model, float[] question, String context) {
    Deque<Similar> held = similar.get(tenant);
    if (held == null) {
      return null;
    }
    Instant now = clock.instant();
    held.removeIf(s -> s.expires.isBefore(now));
    for (Similar s : held) {
      if (s.model.equals(model)
          && s.context.equals(context)
          && cosine(s.question, question) >= SIMILAR) {
        return s.answer;
      }
    }
    return null;
  }

  /** Remembers an answer for {@link #getSimilar}; the tenant's oldest goes past the size. */
  public synchronized void putSimilar(
      String tenant, String model, float[] question, String context, Answer answer) {
    if (size <= 0) {
      return;
    }
    Deque<Similar> held = similar.computeIfAbsent(tenant, t -> new ArrayDeque<>());
    held.addFirst(new Similar(model, question.clone(), context, answer, clock.instant().plus(ttl)));
    while (held.size() > size) {
      held.removeLast();
    }
  }

  /** Forgets a tenant's answers (its documents changed). */
  public synchronized void clear(String tenant) {
    entries.keySet().removeIf(k -> k.startsWith(tenant + '\u0000'));
    similar.remove(tenant);
  }

  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      return 0;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  private static String key(String tenant, String prompt) {
    return tenant + '\u0000' + prompt;
  }

  private record Entry(Answer answer, Instant expires) {}

  private record Similar(
      String model, float[] question, String context, Answer answer, Instant expires) {}
}
