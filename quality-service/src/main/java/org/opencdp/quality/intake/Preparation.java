package org.opencdp.quality.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Prepares the records of one poll on several threads: the intake thread and {@code threads - 1}
 * helpers take slices of the batch in turn until none is left, and the results come back in the
 * batch's order. Only work that depends on a record alone is done here ({@link Routing#prepare});
 * what follows (screening, buffering, producing) stays on the intake thread in the order of the
 * records, so every partition keeps its order. Small batches are prepared on the intake thread
 * alone.
 */
final class Preparation implements AutoCloseable {

  /** Records per slice: large enough that handing one over costs little. */
  private static final int SLICE = 64;

  private final int threads;
  private final ExecutorService helpers;

  Preparation(int threads, String name) {
    this.threads = Math.max(1, threads);
    this.helpers =
        this.threads == 1
            ? null
            : Executors.newFixedThreadPool(
                this.threads - 1,
                r -> {
                  Thread t = new Thread(r, name + "-prepare");
                  t.setDaemon(true);
                  return t;
                });
  }

  /** The threads a raw intake prepares on: one per core, at most four. */
  static int defaultThreads() {
    return Math.min(4, Runtime.getRuntime().availableProcessors());
  }

  Routing.Prepared[] prepare(
      List<ConsumerRecord<String, byte[]>> records,
      Function<ConsumerRecord<String, byte[]>, Routing.Prepared> prepare) {
    Routing.Prepared[] out = new Routing.Prepared[records.size()];
    int slices = (records.size() + SLICE - 1) / SLICE;
    if (helpers == null || slices < 2) {
      for (int i = 0; i < out.length; i++) {
        out[i] = prepare.apply(records.get(i));
      }
      return out;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable work =
        () -> {
          for (int s = next.getAndIncrement(); s < slices; s = next.getAndIncrement()) {
            int end = Math.min(out.length, (s + 1) * SLICE);
            for (int i = s * SLICE; i < end; i++) {
              out[i] = prepare.apply(records.get(i));
            }
          }
        };
    List<Future<?>> running = new ArrayList<>();
    for (int h = 0; h < Math.min(threads - 1, slices - 1); h++) {
      running.add(helpers.submit(work));
    }
    work.run();
    for (Future<?> f : running) {
      try {
        f.get(); // also makes the helpers' writes to out visible here
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while preparing records", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("could not prepare records", e.getCause());
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (helpers != null) {
      helpers.shutdownNow();
    }
  }
}
