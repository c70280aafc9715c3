package org.opencdp.gateway.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencdp.gateway.GatewayProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Finds keys by hash, remembering each answer for {@code cdp.gateway.key-cache-ttl}: every replica
 * reads the shared database, so a revocation reaches all of them within that time.
 */
@Component
public class KeyLookup {

  /** Beyond this many remembered answers the cache starts over rather than grow. */
  private static final int MAX_ENTRIES = 100_000;

  private final ApiKeys keys;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  @Autowired
  public KeyLookup(ApiKeys keys, GatewayProperties props) {
    this(keys, props.keyCacheTtl(), Clock.systemUTC());
  }

  KeyLookup(ApiKeys keys, Duration ttl, Clock clock) {
    this.keys = keys;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The stored key the presented key hashes to, revoked or not. */
  public Optional<ApiKey> find(String presentedKey) {
    return findByHash(KeyMaterial.hash(presentedKey));
  }

  /** The stored key with this hash (of a presented key), revoked or not. */
  Optional<ApiKey> findByHash(String hash) {
    Instant now = clock.instant();
    Entry entry = cache.get(hash);
    if (entry == null || now.isAfter(entry.expires())) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      entry = new Entry(keys.findByHash(hash), now.plus(ttl));
      cache.put(hash, entry);
    }
    // The database matched on the hash; confirm it without an early exit on the first difference.
    return entry.key().filter(k -> KeyMaterial.sameHash(k.hash(), hash));
  }

  /** Forgets what this replica remembers about a key, after revoking it here. */
  public void forget(String keyHash) {
    cache.remove(keyHash);
  }

  private record Entry(Optional<ApiKey> key, Instant expires) {}
}
