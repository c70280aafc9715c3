package org.opencdp.launcher.demo;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Streams the generated demo into the platform through {@code /v1/batch}, with a progress bar. */
public final class DemoLoader {

  /** What a load sent and what the platform said about it. */
  public record Result(long events, long batches, long quarantined, long documents, long millis) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Batches.Batch POISON = new Batches.Batch(new byte[0], 0);

  private final GatewayClient gateway;
  private final PrintStream progress;
  private final int senders;
  private final boolean interactive = System.console() != null;

  public DemoLoader(GatewayClient gateway, PrintStream progress, int senders) {
    this.gateway = gateway;
    this.progress = progress;
    this.senders = senders;
  }

  public Result load(DemoGenerator generator) throws Exception {
    long start = System.nanoTime();
    BlockingQueue<Batches.Batch> queue = new ArrayBlockingQueue<>(senders * 2);
    AtomicLong sent = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    AtomicLong quarantined = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    Future<?>[] workers = new Future<?>[senders];
    for (int i = 0; i < senders; i++) {
      workers[i] = pool.submit(() -> send(queue, sent, batches, quarantined, failure));
    }
    Batches packer =
        new Batches(
            Batches.MAX_BATCH_BYTES, Batches.MAX_EVENT_BYTES, batch -> put(queue, batch, failure));
    try {
      generator.generate(
          new DemoSink() {
            @Override
            public void event(ObjectNode event) {
              packer.add(JSON.writeValueAsBytes(event));
            }

            @Override
            public void dayDone(LocalDate day, int index, int days) {
              bar(index, days, sent.get(), start);
            }
          });
      packer.flush();
    } finally {
      for (int i = 0; i < senders; i++) {
        put(queue, POISON, null);
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      pool.shutdown();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    long documents = 0;
    for (DemoDocument document : generator.documents()) {
      gateway.post("/v1/documents", JSON.writeValueAsBytes(document));
      documents++;
    }
    if (interactive) {
      progress.println();
    }
    return new Result(
        sent.get(),
        batches.get(),
        quarantined.get(),
        documents,
        (System.nanoTime() - start) / 1_000_000);
  }

  private void send(
      BlockingQueue<Batches.Batch> queue,
      AtomicLong sent,
      AtomicLong batches,
      AtomicLong quarantined,
      AtomicReference<Exception> failure) {
    try {
      for (Batches.Batch batch = queue.take(); batch != POISON; batch = queue.take()) {
        if (failure.get() != null) {
          continue;
        }
        try {
          JsonNode answer = gateway.post("/v1/batch", batch.body());
          JsonNode list = answer.get("quarantined");
          quarantined.addAndGet(list == null ? 0 : list.size());
          sent.addAndGet(batch.events());
          batches.incrementAndGet();
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void put(
      BlockingQueue<Batches.Batch> queue, Batches.Batch batch, AtomicReference<Exception> failure) {
    if (failure != null && failure.get() != null) {
      throw new IllegalStateException(
          "demo load stopped: " + failure.get().getMessage(), failure.get());
    }
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void bar(int day, int days, long events, long start) {
    if (!interactive && day * 10 / days == (day - 1) * 10 / days && day != days) {
      return; // into a log file: a line per tenth, not a redrawn bar
    }
    int width = 30;
    int filled = (int) ((long) width * day / days);
    double seconds = Math.max(0.001, (System.nanoTime() - start) / 1e9);
    progress.printf(
        Locale.ROOT,
        (interactive ? "\r" : "") + "cdp: demo [%s%s] %3d%% day %d/%d, %,d events sent (%,.0f/s)",
        "#".repeat(filled),
        " ".repeat(width - filled),
        100L * day / days,
        day,
        days,
        events,
        events / seconds);
    if (!interactive) {
      progress.println();
    }
    progress.flush();
  }
}
