package org.opencdp.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The latency the gateway adds: the same /v1/track requests sent straight to ingest-service and
 * through the gateway, in alternating rounds of one run, at a load well below saturation.
 *
 * <p>Arguments: {@code directUrl directWriteKey gatewayUrl gatewayWriteKey [seconds-per-round]
 * [rounds] [connections]}.
 */
public final class GatewayOverheadDriver {

  private static final long MAX_LATENCY = 59_000_000_000L;

  private GatewayOverheadDriver() {}

  public static void main(String[] args) throws Exception {
    URI direct = URI.create(args[0]);
    String directAuth = BenchAuth.header(args[1], "demo");
    URI gateway = URI.create(args[2]);
    String gatewayAuth = BenchAuth.header(args[3], "demo");
    Duration round = Duration.ofSeconds(args.length > 4 ? Integer.parseInt(args[4]) : 10);
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    int connections = args.length > 6 ? Integer.parseInt(args[6]) : 4;
    Payloads.Pool events = Payloads.singles(20_000);

    run(direct, directAuth, events, Duration.ofSeconds(5), connections);
    run(gateway, gatewayAuth, events, Duration.ofSeconds(5), connections);
    Histogram directLatency = new Histogram(MAX_LATENCY + 1, 3);
    Histogram gatewayLatency = new Histogram(MAX_LATENCY + 1, 3);
    long directErrors = 0;
    long gatewayErrors = 0;
    for (int r = 0; r < rounds; r++) {
      Round d = run(direct, directAuth, events, round, connections);
      Round g = run(gateway, gatewayAuth, events, round, connections);
      directLatency.add(d.latency());
      gatewayLatency.add(g.latency());
      directErrors += d.errors();
      gatewayErrors += g.errors();
    }
    System.out.printf(
        Locale.ROOT,
        "%d rounds of %d s each way, %d connections, /v1/track%n",
        rounds,
        round.toSeconds(),
        connections);
    System.out.println("| path | requests | p50 ms | p90 ms | p99 ms | errors |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    print("straight to ingest-service", directLatency, directErrors);
    print("through the gateway", gatewayLatency, gatewayErrors);
    System.out.printf(
        Locale.ROOT,
        "| **added by the gateway** | | %.2f | %.2f | %.2f | |%n",
        ms(gatewayLatency, 50) - ms(directLatency, 50),
        ms(gatewayLatency, 90) - ms(directLatency, 90),
        ms(gatewayLatency, 99) - ms(directLatency, 99));
  }

  record Round(Histogram latency, long errors) {}

  private static Round run(
      URI url, String auth, Payloads.Pool events, Duration duration, int connections)
      throws Exception {
    Histogram latency = new Histogram(MAX_LATENCY + 1, 3);
    AtomicLong errors = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    ExecutorService workers = Executors.newFixedThreadPool(connections);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      running.add(
          workers.submit(
              () -> {
                try (KeepAliveClient client = new KeepAliveClient(url, auth)) {
                  while (System.nanoTime() < end) {
                    byte[] body = events.get(sequence.getAndIncrement());
                    long t0 = System.nanoTime();
                    int status = client.post("/v1/track", body);
                    long took = System.nanoTime() - t0;
                    synchronized (latency) {
                      latency.recordValue(Math.min(took, MAX_LATENCY));
                    }
                    if (status != 200) {
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
    return new Round(latency, errors.get());
  }

  private static void print(String name, Histogram h, long errors) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %.2f | %.2f | %.2f | %d |%n",
        name,
        h.getTotalCount(),
        ms(h, 50),
        ms(h, 90),
        ms(h, 99),
        errors);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e6;
  }
}
