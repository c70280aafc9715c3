package org.opencdp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * <p>Arguments: {@code bootstrapServers ingestUrl writeKey [seconds] [connections]}.
 */
public final class IngestLoadDriver {

  private static final int BATCH = 100;

  private final String bootstrap;
  private final String url;
  private final String auth;
  private final Duration phase;
  private final int connections;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicLong sequence = new AtomicLong();

  private IngestLoadDriver(
      String bootstrap, String url, String writeKey, Duration phase, int connections) {
    this.bootstrap = bootstrap;
    this.url = url;
    this.auth =
        "Basic "
            + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    this.phase = phase;
    this.connections = connections;
  }

  public static void main(String[] args) throws Exception {
    Duration phase = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 20);
    int connections = args.length > 4 ? Integer.parseInt(args[4]) : 16;
    IngestLoadDriver driver = new IngestLoadDriver(args[0], args[1], args[2], phase, connections);
    driver.run();
  }

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
    closedLoop("warm-up", "/v1/batch", true, Duration.ofSeconds(8));
    Result raw = rawProducer();
    Result batch = closedLoop("/v1/batch, full load", "/v1/batch", true, phase);
    Result half = openLoop("/v1/batch, half load", batch.eventsPerSecond() / 2 / BATCH, phase);
    Result track = closedLoop("/v1/track, full load", "/v1/track", false, phase);
    System.out.println();
    System.out.println("| phase | events/s | p50 ms | p99 ms | of raw Kafka | errors |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    System.out.println(
        String.format(
            Locale.ROOT,
            "| raw KafkaProducer, same payloads | %,.0f | | | 100%% | %d |",
            raw.eventsPerSecond(),
            raw.errors()));
    for (Result r : List.of(batch, half, track)) {
      System.out.println(r.line(raw.eventsPerSecond()));
    }
    System.out.println(
        String.format(Locale.ROOT, "(/v1/track: %,.0f requests/s)", track.eventsPerSecond()));
  }

  /**
   * The ceiling: the same JSON bytes produced straight to the broker with the platform's settings.
   */
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
                  new ProducerRecord<>(
                      topic,
                      "acme:user-" + (n % 20_000),
                      Payloads.event(n).getBytes(StandardCharsets.UTF_8))));
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

  private Result closedLoop(String name, String path, boolean batch, Duration duration)
      throws Exception {
    Histogram latency = new Histogram(60_000_000_000L, 3);
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
                while (System.nanoTime() < end) {
                  long first = sequence.getAndAdd(batch ? BATCH : 1);
                  byte[] body =
                      batch
                          ? Payloads.batch(first, BATCH)
                          : Payloads.event(first).getBytes(StandardCharsets.UTF_8);
                  long t0 = System.nanoTime();
                  boolean ok = post(path, body);
                  long t1 = System.nanoTime();
                  synchronized (latency) {
                    latency.recordValue(Math.min(t1 - t0, 59_000_000_000L));
                  }
                  if (ok) {
                    events.addAndGet(batch ? BATCH : 1);
                  } else {
                    errors.incrementAndGet();
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
  private Result openLoop(String name, double batchesPerSecond, Duration duration)
      throws Exception {
    Histogram latency = new Histogram(60_000_000_000L, 3);
    AtomicLong events = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long intervalNanos = (long) (1e9 / batchesPerSecond);
    long start = System.nanoTime();
    long count = duration.toNanos() / intervalNanos;
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    ExecutorService senders = Executors.newFixedThreadPool(connections * 2);
    for (long i = 0; i < count; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      byte[] body = Payloads.batch(sequence.getAndAdd(BATCH), BATCH);
      inFlight.add(
          CompletableFuture.runAsync(
              () -> {
                boolean ok = post("/v1/batch", body);
                long took = System.nanoTime() - due;
                synchronized (latency) {
                  latency.recordValue(Math.min(took, 59_000_000_000L));
                }
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
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        String.format(Locale.ROOT, "%s (%.0f batches/s offered)", name, batchesPerSecond),
        events.get() / seconds,
        latency.getValueAtPercentile(50) / 1e6,
        latency.getValueAtPercentile(99) / 1e6,
        errors.get());
  }

  private boolean post(String path, byte[] body) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + path))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", auth)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
