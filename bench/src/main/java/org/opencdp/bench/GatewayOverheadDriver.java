package org.opencdp.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The latency the gateway adds: the same /v1/track requests sent straight to ingest-service and
 * through the gateway, in alternating rounds of one run.
 *
 * <p>Arguments: {@code directUrl directWriteKey gatewayUrl gatewayWriteKey [seconds-per-round]
 * [rounds] [connections] [rate]}. With a {@code rate} (requests per second over all connections)
 * each connection sends on a fixed schedule, well below saturation, and a request's latency counts
 * from the moment it was due, so an answer that holds up the next request is charged to that one
 * too. With rate 0 each connection sends its next request as soon as the answer is in: a closed
 * loop at saturation, where the latency mostly says how many requests per second the path carries
 * on this machine.
 *
 * <p>Each path is first warmed up for {@code -Dwarmup.seconds} (10) in a closed loop. With {@code
 * -Dgateway.pid=<pid>} (Linux) it also reports the CPU time the gateway process spent per request
 * it proxied, a figure that load from other processes barely moves.
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
    double rate = args.length > 7 ? Double.parseDouble(args[7]) : 0;
    long gatewayPid = Long.getLong("gateway.pid", -1);
    Payloads.Pool events = Payloads.singles(20_000);

    // Warm-up as fast as answered, whatever the rate: the JIT compiles both paths before a round.
    Duration warmUp = Duration.ofSeconds(Long.getLong("warmup.seconds", 10));
    run(direct, directAuth, events, warmUp, connections, 0);
    run(gateway, gatewayAuth, events, warmUp, connections, 0);
    Histogram directLatency = new Histogram(MAX_LATENCY + 1, 3);
    Histogram gatewayLatency = new Histogram(MAX_LATENCY + 1, 3);
    long directErrors = 0;
    long gatewayErrors = 0;
    long gatewayCpuNanos = 0;
    for (int r = 0; r < rounds; r++) {
      Round d = run(direct, directAuth, events, round, connections, rate);
      long cpuBefore = cpuNanos(gatewayPid);
      Round g = run(gateway, gatewayAuth, events, round, connections, rate);
      gatewayCpuNanos += cpuNanos(gatewayPid) - cpuBefore;
      directLatency.add(d.latency());
      gatewayLatency.add(g.latency());
      directErrors += d.errors();
      gatewayErrors += g.errors();
    }
    System.out.printf(
        Locale.ROOT,
        "%d rounds of %d s each way, %d connections, %s, /v1/track%n",
        rounds,
        round.toSeconds(),
        connections,
        rate > 0
            ? String.format(Locale.ROOT, "%.0f requests/s each way (paced)", rate)
            : "closed loop (as fast as answered)");
    System.out.println("| path | requests | p50 ms | p90 ms | p99 ms | p99.9 ms | errors |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    print("straight to ingest-service", directLatency, directErrors);
    print("through the gateway", gatewayLatency, gatewayErrors);
    System.out.printf(
        Locale.ROOT,
        "| **added by the gateway** | | %.2f | %.2f | %.2f | %.2f | |%n",
        ms(gatewayLatency, 50) - ms(directLatency, 50),
        ms(gatewayLatency, 90) - ms(directLatency, 90),
        ms(gatewayLatency, 99) - ms(directLatency, 99),
        ms(gatewayLatency, 99.9) - ms(directLatency, 99.9));
    if (gatewayPid > 0 && gatewayLatency.getTotalCount() > 0) {
      System.out.printf(
          Locale.ROOT,
          "gateway CPU per proxied request: %.3f ms%n",
          gatewayCpuNanos / 1e6 / gatewayLatency.getTotalCount());
    }
  }

  record Round(Histogram latency, long errors) {}

  private static Round run(
      URI url, String auth, Payloads.Pool events, Duration duration, int connections, double rate)
      throws Exception {
    Histogram latency = new Histogram(MAX_LATENCY + 1, 3);
    AtomicLong errors = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    // Each connection's own schedule, staggered so that the connections do not send together.
    long interval = rate > 0 ? (long) (connections * 1e9 / rate) : 0;
    ExecutorService workers = Executors.newFixedThreadPool(connections);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      long first = start + interval * c / connections;
      running.add(
          workers.submit(
              () -> {
                try (KeepAliveClient client = new KeepAliveClient(url, auth)) {
                  for (long due = first; due < end; due += interval) {
                    if (interval > 0) {
                      waitUntil(due);
                    }
                    byte[] body = events.get(sequence.getAndIncrement());
                    long t0 = interval > 0 ? due : System.nanoTime();
                    int status = client.post("/v1/track", body);
                    long took = System.nanoTime() - t0;
                    synchronized (latency) {
                      latency.recordValue(Math.min(took, MAX_LATENCY));
                    }
                    if (status != 200) {
                      errors.incrementAndGet();
                    }
                    if (interval == 0) {
                      due = System.nanoTime();
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
    workers.awaitTermination(10, TimeUnit.SECONDS);
    return new Round(latency, errors.get());
  }

  private static void waitUntil(long due) {
    for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** User plus system CPU time of a process, from /proc (0 when there is none to read). */
  private static long cpuNanos(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime, fields 14 and 15 of proc(5), counted after the command name
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static void print(String name, Histogram h, long errors) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %.2f | %.2f | %.2f | %.2f | %d |%n",
        name,
        h.getTotalCount(),
        ms(h, 50),
        ms(h, 90),
        ms(h, 99),
        ms(h, 99.9),
        errors);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e6;
  }
}
