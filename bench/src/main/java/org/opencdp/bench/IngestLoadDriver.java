package org.opencdp.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load driver for ingest-service: the raw Kafka producer rate for the same payloads on the same
 * broker (the ceiling), then /v1/batch (100-event batches) at full load and at half of it, then
 * /v1/track. Prints events/s, p50 and p99 for each phase and the ratio to the raw rate.
 *
 * <p>Arguments: {@code bootstrapServers ingestUrl writeKeyOrKeyFile [seconds] [batchConnections]
 * [trackConnections]}: a write key when ingestUrl is the gateway, the service's internal-token key
 * file when it is ingest-service itself.
 */
public final class IngestLoadDriver {

  private static final int BATCH = 100;
  private static final long MAX_LATENCY = 59_000_000_000L;

  private final String bootstrap;
  private final URI url;
  private final String auth;
  private final Duration phase;
  private final int batchConnections;
  private final int trackConnections;
  private final AtomicLong sequence = new AtomicLong();
  private final Payloads.Pool batches = Payloads.batches(400, BATCH);
  private final Payloads.Pool singles = Payloads.singles(20_000);

  private IngestLoadDriver(String[] args) {
    this.bootstrap = args[0];
    this.url = URI.create(args[1]);
    this.auth = BenchAuth.header(args[2], "bench");
    this.phase = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 20);
    this.batchConnections = args.length > 4 ? Integer.parseInt(args[4]) : 16;
    this.trackConnections = args.length > 5 ? Integer.parseInt(args[5]) : 64;
  }

  public static void main(String[] args) throws Exception {
    new IngestLoadDriver(args).run();
  }

  /** What one phase measured. */
  record Result(String name, double eventsPerSecond, double p50Ms, double p99Ms, long errors) {
    String line(double rawRate) {
      return String.format(
          Locale.ROOT,
          "| %s | %,.0f | %.1f | %.1f | %.0f%% | %d |",
          name,
          eventsPerSecond,
          p50Ms,
          p99Ms,
          100 * eventsPerSecond / rawRate,
          errors);
    }
  }

  private void run() throws Exception {
    System.out.println("warming up");
    closedLoop("warm-up", "/v1/batch", BATCH, Duration.ofSeconds(8), batchConnections);
    closedLoop("warm-up", "/v1/track", 1, Duration.ofSeconds(4), trackConnections);
    Result raw = rawProducer();
    Result batch = closedLoop("/v1/batch, full load", "/v1/batch", BATCH, phase, batchConnections);
    Result half =
        openLoop(
            "/v1/batch, half load", batch.eventsPerSecond() / 2 / BATCH, phase, batchConnections);
    Result track = closedLoop("/v1/track, full load", "/v1/track", 1, phase, trackConnections);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%d s a phase, %d connections for /v1/batch, %d for /v1/track%n",
        phase.toSeconds(),
        batchConnections,
        trackConnections);
    System.out.println("| phase | events/s | p50 ms | p99 ms | of raw Kafka | errors |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    System.out.printf(
        Locale.ROOT,
        "| raw KafkaProducer, same payloads | %,.0f | | | 100%% | %d |%n",
        raw.eventsPerSecond(),
        raw.errors());
    for (Result r : List.of(batch, half, track)) {
      System.out.println(r.line(raw.eventsPerSecond()));
    }
  }

  /** The ceiling: the same JSON bytes produced straight to the broker, platform settings. */
  private Result rawProducer() throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("compression.type", "lz4");
    p.put("linger.ms", "5");
    p.put("batch.size", "65536");
    String topic = "bench.raw-baseline";
    long sent = 0;
    long start;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "warm", new byte[1])).get();
      start = System.nanoTime();
      long end = start + phase.toNanos();
      List<Future<?>> acks = new ArrayList<>();
      while (System.nanoTime() < end) {
        for (int i = 0; i < 1000; i++) {
          long n = sequence.incrementAndGet();
          acks.add(
              producer.send(
                  new ProducerRecord<>(topic, "acme:user-" + (n % 20_000), singles.get(n))));
        }
        sent += 1000;
        if (acks.size() > 50_000) {
          for (Future<?> f : acks) {
            f.get();
          }
          acks.clear();
        }
      }
      for (Future<?> f : acks) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result("raw", sent / seconds, 0, 0, 0);
  }

  /** Each connection sends its next request as soon as the last one is answered. */
  private Result closedLoop(
      String name, String path, int eventsPerRequest, Duration duration, int connections)
      throws Exception {
    Histogram latency = new Histogram(MAX_LATENCY + 1, 3);
    AtomicLong events = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    ExecutorService workers = Executors.newFixedThreadPool(connections);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      running.add(
          workers.submit(
              () -> {
                try (KeepAliveClient client = new KeepAliveClient(url, auth)) {
                  while (System.nanoTime() < end) {
                    long n = sequence.getAndIncrement();
                    byte[] body = eventsPerRequest > 1 ? batches.get(n) : singles.get(n);
                    long t0 = System.nanoTime();
                    boolean ok = client.post(path, body) == 200;
                    record(latency, System.nanoTime() - t0);
                    if (ok) {
                      events.addAndGet(eventsPerRequest);
                    } else {
                      errors.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    workers.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        name,
        events.get() / seconds,
        latency.getValueAtPercentile(50) / 1e6,
        latency.getValueAtPercentile(99) / 1e6,
        errors.get());
  }

  /** Batches sent at a fixed rate whatever the answers' speed, so latency is not flattered. */
  private Result openLoop(String name, double batchesPerSecond, Duration duration, int connections)
      throws Exception {
    Histogram latency = new Histogram(MAX_LATENCY + 1, 3);
    AtomicLong events = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long intervalNanos = (long) (1e9 / batchesPerSecond);
    long start = System.nanoTime();
    long count = duration.toNanos() / intervalNanos;
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    ExecutorService senders = Executors.newFixedThreadPool(connections * 2);
    BlockingQueue<KeepAliveClient> clients = new LinkedBlockingQueue<>();
    for (int c = 0; c < connections * 2; c++) {
      clients.add(new KeepAliveClient(url, auth));
    }
    for (long i = 0; i < count; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      byte[] body = batches.get(sequence.getAndIncrement());
      inFlight.add(
          CompletableFuture.runAsync(
              () -> {
                KeepAliveClient client = clients.poll();
                boolean ok = client.post("/v1/batch", body) == 200;
                clients.add(client);
                record(latency, System.nanoTime() - due);
                if (ok) {
                  events.addAndGet(BATCH);
                } else {
                  errors.incrementAndGet();
                }
              },
              senders));
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get();
    senders.shutdown();
    clients.forEach(KeepAliveClient::close);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        String.format(Locale.ROOT, "%s (%.0f batches/s offered)", name, batchesPerSecond),
        events.get() / seconds,
        latency.getValueAtPercentile(50) / 1e6,
        latency.getValueAtPercentile(99) / 1e6,
        errors.get());
  }

  private static void record(Histogram latency, long nanos) {
    synchronized (latency) {
      latency.recordValue(Math.min(nanos, MAX_LATENCY));
    }
  }
}
