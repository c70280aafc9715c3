package org.opencdp.query;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant's lake over two days under a writer that keeps adding files and a compactor that keeps
 * merging them, some of its deletes slow (a query meanwhile lists a compacted file beside its
 * inputs) and some quick (a query that listed the inputs finds them gone), racing the counts a test
 * asks: every answer must hold each row once and every row committed before it was asked.
 *
 * @param lake the lake to write
 * @param tenant the tenant whose events it writes
 * @param writerPauseMs between two files of the writer
 * @param slowDeleteMs how long a slow delete waits after the rename
 * @param slowOf of every {@code every} compactions, how many wait {@code slowDeleteMs}
 * @param every see {@code slowOf}
 * @param askInWindow whether the compactor itself asks once in a slow delete's window
 * @param compactorRestMs between two compactions
 * @param visibleAfterMs how long a committed file may take to be visible to a query (a kept
 *     listing's lifetime)
 */
public record CompactionRace(
    TestLake lake,
    String tenant,
    long writerPauseMs,
    long slowDeleteMs,
    int slowOf,
    int every,
    boolean askInWindow,
    long compactorRestMs,
    long visibleAfterMs) {

  public static final List<LocalDate> DAYS =
      List.of(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
  public static final String COUNTS = "select count(*), count(distinct message_id) from events";

  /** One query's answer: its two counts, or {@link #REFUSED} for a {@code lake-changed} 503. */
  public record Answer(long count, long distinct, String failure) {
    public static final Answer REFUSED = new Answer(-1, -1, null);

    public static Answer counts(long count, long distinct) {
      return new Answer(count, distinct, null);
    }

    public static Answer failed(String failure) {
      return new Answer(-1, -1, failure);
    }
  }

  /** What the race saw. */
  public record Outcome(int answered, int refused, int compactions, List<String> wrong) {}

  /**
   * Writes two files a day, then races until there were {@code minCompactions} and {@code
   * minAnswers} (or {@code limit} passed), asking with {@code ask} all the while.
   */
  public Outcome run(
      java.util.function.Supplier<Answer> ask, int minCompactions, int minAnswers, Duration limit)
      throws InterruptedException {
    State state = new State();
    for (LocalDate day : DAYS) {
      state.addPart(day, 50);
      state.addPart(day, 50);
    }
    state.check(ask);
    Thread writer =
        new Thread(
            () -> {
              for (int n = 0; !state.stop.get(); n++) {
                state.addPart(DAYS.get(n % DAYS.size()), 10);
                pause(writerPauseMs);
              }
            });
    writer.start();
    Thread compactor =
        new Thread(
            () -> {
              for (int n = 0; !state.stop.get(); n++) {
                TestLake.Compaction compaction =
                    lake.compact(lake.eventsDay(tenant, DAYS.get(n % DAYS.size())));
                if (compaction == null) {
                  pause(50);
                  continue;
                }
                if (n % every < slowOf) {
                  pause(slowDeleteMs);
                  if (askInWindow) {
                    state.check(ask);
                  }
                }
                compaction.deleteInputs();
                state.compactions.incrementAndGet();
                pause(compactorRestMs);
              }
            });
    compactor.start();
    long deadline = System.nanoTime() + limit.toNanos();
    while ((state.compactions.get() < minCompactions || state.answered.get() < minAnswers)
        && System.nanoTime() < deadline) {
      state.check(ask);
    }
    state.stop.set(true);
    writer.join();
    compactor.join();
    return new Outcome(
        state.answered.get(),
        state.refused.get(),
        state.compactions.get(),
        List.copyOf(state.wrong));
  }

  private final class State {
    final AtomicLong nextId = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong committed = new AtomicLong();
    final ConcurrentSkipListMap<Long, Long> history = new ConcurrentSkipListMap<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final Queue<String> wrong = new ConcurrentLinkedQueue<>();
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger compactions = new AtomicInteger();

    void check(java.util.function.Supplier<Answer> ask) {
      var visible =
          history.floorEntry(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(visibleAfterMs));
      long before = visible == null ? 0 : visible.getValue();
      Answer answer = ask.get();
      long after = written.get();
      if (answer == Answer.REFUSED) {
        refused.incrementAndGet();
        return;
      }
      if (answer.failure() != null) {
        wrong.add(answer.failure());
        return;
      }
      answered.incrementAndGet();
      if (answer.count() != answer.distinct()
          || answer.count() < before
          || answer.count() > after) {
        wrong.add(
            "count "
                + answer.count()
                + ", distinct "
                + answer.distinct()
                + ", committed "
                + before
                + ".."
                + after);
      }
    }

    void addPart(LocalDate day, int rows) {
      long from = nextId.getAndAdd(rows);
      written.addAndGet(rows); // may be seen from the moment it is renamed into place
      lake.part(tenant, day, from, from + rows);
      history.put(System.nanoTime(), committed.addAndGet(rows));
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
