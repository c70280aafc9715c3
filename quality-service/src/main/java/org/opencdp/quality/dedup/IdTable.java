package org.opencdp.quality.dedup;

import java.security.SecureRandom;

/**
 * The messageIds of {@link DedupWindow}, kept as 128-bit keyed hashes in primitive arrays: an open
 * addressing table (linear probing, deletion by backward shift) from id to its state, and a
 * first-in first-out ring of landings for expiry: 24 bytes per slot (at most three quarters full)
 * and 24 per landing, so a million ids take 60-110 MB in three arrays instead of several million
 * small objects the garbage collector must trace and copy.
 *
 * <p>The hash is SipHash-2-4 with a 128-bit output, keyed at random for each table: ids chosen to
 * collide cannot be found without the key, and two distinct ids share a hash with probability about
 * n²/2¹²⁹ (nil for any window this service holds). The table lives only in memory and is rebuilt
 * from the lake at start, so a new key each time is fine. Not thread-safe.
 */
final class IdTable {

  /** A slot's time while its id is pending (buffered, not yet durable); else when it landed. */
  private static final long PENDING = Long.MIN_VALUE;

  private final long k0;
  private final long k1;

  /**
   * Three longs per slot, side by side so that a probe touches one cache line: the hash's halves
   * (both zero: an empty slot; no id hashes to that) and the slot's time or {@link #PENDING}.
   */
  private long[] slots;

  private int mask;
  private int used;
  private int durable;

  /** Landings in order: hash halves and time; {@code head} is the oldest, {@code count} held. */
  private long[] ringHi = new long[1024];

  private long[] ringLo = new long[1024];
  private long[] ringMillis = new long[1024];
  private int head;
  private int count;

  /** SipHash state while {@link #hash} runs, and its result: both halves. */
  private long v0;

  private long v1;
  private long v2;
  private long v3;
  private long hashHi;
  private long hashLo;

  IdTable() {
    this(1 << 12);
  }

  /** A table of {@code capacity} slots to start with, a power of two. */
  IdTable(int capacity) {
    SecureRandom random = new SecureRandom();
    this.k0 = random.nextLong();
    this.k1 = random.nextLong();
    allocate(Integer.highestOneBit(Math.max(16, capacity)));
  }

  /** Whether the id is held, pending or durable. */
  boolean contains(String tenant, String messageId) {
    hash(tenant, messageId);
    return !isEmpty(find(hashHi, hashLo));
  }

  /** Holds the id as pending unless it is held already; whether it was added. */
  boolean holdIfAbsent(String tenant, String messageId) {
    hash(tenant, messageId);
    int slot = find(hashHi, hashLo);
    if (!isEmpty(slot)) {
      return false;
    }
    put(slot, hashHi, hashLo, PENDING);
    return true;
  }

  /** Drops the id if it is pending. */
  void release(String tenant, String messageId) {
    hash(tenant, messageId);
    int slot = find(hashHi, hashLo);
    if (!isEmpty(slot) && slots[slot + 2] == PENDING) {
      delete(slot);
    }
  }

  /**
   * The id is durable since {@code at}: no longer pending; a landing is queued for expiry unless
   * the id was already durable since a later time.
   */
  void landed(String tenant, String messageId, long at) {
    hash(tenant, messageId);
    int slot = find(hashHi, hashLo);
    boolean later;
    if (isEmpty(slot)) {
      later = true;
      put(slot, hashHi, hashLo, at);
    } else {
      long before = slots[slot + 2];
      later = before == PENDING || before < at;
      if (before == PENDING) {
        durable++;
      }
      slots[slot + 2] = at;
    }
    if (later) {
      enqueue(hashHi, hashLo, at);
    }
  }

  /** Drops every pending id. */
  void forgetPending() {
    if (used == durable) {
      return;
    }
    long[] old = slots;
    allocate(old.length / 3);
    for (int i = 0; i < old.length; i += 3) {
      if ((old[i] != 0 || old[i + 1] != 0) && old[i + 2] != PENDING) {
        put(find(old[i], old[i + 1]), old[i], old[i + 1], old[i + 2]);
      }
    }
  }

  /** Forgets durable ids whose latest landing is before {@code cutoff}. */
  void expireBefore(long cutoff) {
    while (count > 0 && ringMillis[head] < cutoff) {
      int slot = find(ringHi[head], ringLo[head]);
      long at = slots[slot + 2];
      if (!isEmpty(slot) && at != PENDING && at < cutoff) {
        delete(slot);
      }
      head = (head + 1) & (ringMillis.length - 1);
      count--;
    }
  }

  /** Durable ids held. */
  int durable() {
    return durable;
  }

  private void allocate(int capacity) {
    slots = new long[capacity * 3];
    mask = capacity - 1;
    used = 0;
    durable = 0;
  }

  private boolean isEmpty(int slot) {
    return slots[slot] == 0 && slots[slot + 1] == 0;
  }

  /** The slot (its first long) holding this hash, else the empty slot where it would go. */
  private int find(long h, long l) {
    int i = (int) h & mask;
    while (true) {
      int slot = i * 3;
      long sh = slots[slot];
      long sl = slots[slot + 1];
      if (sh == h && sl == l || sh == 0 && sl == 0) {
        return slot;
      }
      i = (i + 1) & mask;
    }
  }

  private void put(int slot, long h, long l, long at) {
    slots[slot] = h;
    slots[slot + 1] = l;
    slots[slot + 2] = at;
    used++;
    if (at != PENDING) {
      durable++;
    }
    if (used * 4L > (mask + 1) * 3L) {
      grow();
    }
  }

  private void grow() {
    long[] old = slots;
    allocate((old.length / 3) * 2);
    for (int i = 0; i < old.length; i += 3) {
      if (old[i] != 0 || old[i + 1] != 0) {
        put(find(old[i], old[i + 1]), old[i], old[i + 1], old[i + 2]);
      }
    }
  }

  /** Empties {@code slot} and moves later entries of its probe run back so that none is lost. */
  private void delete(int slot) {
    if (slots[slot + 2] != PENDING) {
      durable--;
    }
    used--;
    int gap = slot / 3;
    int next = (gap + 1) & mask;
    while (!isEmpty(next * 3)) {
      int home = (int) slots[next * 3] & mask;
      // the entry at next may fill the gap if its home is not in (gap, next] cyclically
      boolean movable = gap <= next ? home <= gap || home > next : home <= gap && home > next;
      if (movable) {
        System.arraycopy(slots, next * 3, slots, gap * 3, 3);
        gap = next;
      }
      next = (next + 1) & mask;
    }
    slots[gap * 3] = 0;
    slots[gap * 3 + 1] = 0;
    slots[gap * 3 + 2] = 0;
  }

  private void enqueue(long h, long l, long at) {
    if (count == ringMillis.length) {
      int n = ringMillis.length;
      long[] newHi = new long[n * 2];
      long[] newLo = new long[n * 2];
      long[] newMillis = new long[n * 2];
      for (int i = 0; i < n; i++) {
        int from = (head + i) & (n - 1);
        newHi[i] = ringHi[from];
        newLo[i] = ringLo[from];
        newMillis[i] = ringMillis[from];
      }
      ringHi = newHi;
      ringLo = newLo;
      ringMillis = newMillis;
      head = 0;
    }
    int tail = (head + count) & (ringMillis.length - 1);
    ringHi[tail] = h;
    ringLo[tail] = l;
    ringMillis[tail] = at;
    count++;
  }

  /**
   * SipHash-2-4, 128-bit output, of the UTF-16 units of {@code tenant}, a NUL and {@code
   * messageId}, four units to a little-endian word; leaves the result in {@link #hashHi} and {@link
   * #hashLo}.
   */
  private void hash(String tenant, String messageId) {
    v0 = k0 ^ 0x736f6d6570736575L;
    v1 = k1 ^ 0x646f72616e646f6dL ^ 0xee;
    v2 = k0 ^ 0x6c7967656e657261L;
    v3 = k1 ^ 0x7465646279746573L;
    int t = tenant.length();
    int units = t + 1 + messageId.length();
    long word = 0;
    int inWord = 0;
    for (int i = 0; i < units; i++) {
      long unit = i < t ? tenant.charAt(i) : i == t ? 0 : messageId.charAt(i - t - 1);
      word |= unit << (16 * inWord);
      if (++inWord == 4) {
        compress(word);
        word = 0;
        inWord = 0;
      }
    }
    compress(word | ((long) (units * 2) << 56));
    v2 ^= 0xee;
    rounds(4);
    hashHi = v0 ^ v1 ^ v2 ^ v3;
    v1 ^= 0xdd;
    rounds(4);
    hashLo = v0 ^ v1 ^ v2 ^ v3;
    if (hashHi == 0 && hashLo == 0) {
      hashLo = 1; // (0, 0) marks an empty slot
    }
  }

  private void compress(long word) {
    v3 ^= word;
    rounds(2);
    v0 ^= word;
  }

  private void rounds(int n) {
    for (int r = 0; r < n; r++) {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13) ^ v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16) ^ v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21) ^ v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17) ^ v2;
      v2 = Long.rotateLeft(v2, 32);
    }
  }
}
