package org.opencdp.ai.rag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers by exact prompt, per tenant (the tenant is part of the key, so an answer never crosses
 * tenants), least recently used evicted, each served for a limited time.
 */
public final class AnswerCache {

  private final int size;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> entries;

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

  /** Forgets a tenant's answers (its documents changed). */
  public synchronized void clear(String tenant) {
    entries.keySet().removeIf(k -> k.startsWith(tenant + '\u0000'));
  }

  private static String key(String tenant, String prompt) {
    return tenant + '\u0000' + prompt;
  }

  private record Entry(Answer answer, Instant expires) {}
}
