package org.opencdp.quality.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdTableTest {

  /** The same operations on plain collections: what the table must answer. */
  private static final class Model {
    final Map<String, Long> durable = new HashMap<>();
    final Map<String, Boolean> pending = new HashMap<>();
    final ArrayDeque<Map.Entry<String, Long>> order = new ArrayDeque<>();

    boolean contains(String key) {
      return durable.containsKey(key) || pending.containsKey(key);
    }

    boolean hold(String key) {
      if (contains(key)) {
        return false;
      }
      pending.put(key, true);
      return true;
    }

    void landed(String key, long at) {
      pending.remove(key);
      Long before = durable.put(key, at);
      if (before == null || before < at) {
        order.addLast(Map.entry(key, at));
      }
    }

    void expire(long cutoff) {
      while (!order.isEmpty() && order.peekFirst().getValue() < cutoff) {
        String key = order.pollFirst().getKey();
        Long current = durable.get(key);
        if (current != null && current < cutoff) {
          durable.remove(key);
        }
      }
    }
  }

  @Test
  void answersAsPlainCollectionsWouldThroughGrowthDeletesAndExpiry() {
    answersAsTheModel(42, 30_000, new IdTable());
  }

  @Test
  void answersAsPlainCollectionsWouldInASmallFullTable() {
    // few ids in few slots: long probe runs that wrap around the end of the arrays
    answersAsTheModel(7, 15, new IdTable(16));
  }

  private static void answersAsTheModel(long seed, int ids, IdTable table) {
    Random random = new Random(seed);
    Model model = new Model();
    long clock = 1_000;
    for (int step = 0; step < 400_000; step++) {
      String tenant = "t" + random.nextInt(3);
      String id = "m-" + random.nextInt(ids);
      String key = tenant + "/" + id;
      int op = random.nextInt(100);
      if (op < 45) {
        assertThat(table.holdIfAbsent(tenant, id)).as("hold %s", key).isEqualTo(model.hold(key));
      } else if (op < 75) {
        long at = clock - random.nextInt(50);
        table.landed(tenant, id, at);
        model.landed(key, at);
      } else if (op < 85) {
        table.release(tenant, id);
        model.pending.remove(key);
      } else if (op < 99) {
        assertThat(table.contains(tenant, id))
            .as("contains %s", key)
            .isEqualTo(model.contains(key));
      } else {
        clock += random.nextInt(200);
        table.expireBefore(clock - 5_000);
        model.expire(clock - 5_000);
      }
      if (step % 50_000 == 0) {
        table.forgetPending();
        model.pending.clear();
      }
      clock++;
      if (step % 1_000 == 0) {
        assertThat(table.durable()).isEqualTo(model.durable.size());
      }
    }
    for (int i = 0; i < ids; i++) {
      for (int t = 0; t < 3; t++) {
        String key = "t" + t + "/m-" + i;
        assertThat(table.contains("t" + t, "m-" + i)).as(key).isEqualTo(model.contains(key));
      }
    }
  }

  @Test
  void tenantAndIdAreNotRunTogether() {
    IdTable table = new IdTable();
    table.landed("ab", "c", 1);
    assertThat(table.contains("a", "bc")).isFalse();
    assertThat(table.contains("ab", "c")).isTrue();
    assertThat(table.contains("ab", "c ")).isFalse();
  }
}
