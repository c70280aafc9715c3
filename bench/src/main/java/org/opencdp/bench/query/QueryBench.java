package org.opencdp.bench.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencdp.servicekit.auth.AuthProperties;
import org.opencdp.servicekit.auth.InternalTokenKeys;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;

/**
 * Dashboard-style queries through query-service's HTTP API (DuckDB and, when asked, Trino) and, in
 * the same run and alternating, through raw DuckDB JDBC on the same files: p50 of each, the ratios,
 * and table rows per second.
 *
 * <p>Usage: {@code QueryBench <service url> <jwk file> <lake root> <tenant> <rows> <runs> <engines,
 * comma-separated: duckdb[,trino]>}
 */
public final class QueryBench {

  static final Map<String, String> SUITE = new LinkedHashMap<>();

  static {
    SUITE.put("count all", "select count(*) from events");
    SUITE.put(
        "events per day, 30 days",
        "select event_date, count(*) n from events where event_date >= DATE '2026-10-30'"
            + " group by 1 order by 1");
    SUITE.put(
        "revenue by region",
        "select region, sum(revenue) revenue from events where event = 'Order Completed'"
            + " group by 1 order by 2 desc");
    SUITE.put(
        "revenue by category and day, 7 days",
        "select event_date, category, sum(revenue) revenue, count(*) orders from events"
            + " where event = 'Order Completed' and event_date >= DATE '2026-11-22'"
            + " group by 1, 2 order by 1, 2");
    SUITE.put(
        "top 10 products by revenue",
        "select product_id, sum(revenue) revenue from events where event = 'Order Completed'"
            + " group by 1 order by 2 desc limit 10");
    SUITE.put(
        "top events", "select event, count(*) n from events group by 1 order by 2 desc limit 10");
    SUITE.put(
        "distinct users per day, 7 days",
        "select event_date, count(distinct user_id) users from events"
            + " where event_date >= DATE '2026-11-22' group by 1 order by 1");
    SUITE.put(
        "funnel",
        "select count(distinct case when event = 'Product Viewed' then user_id end) viewed,"
            + " count(distinct case when event = 'Product Added' then user_id end) added,"
            + " count(distinct case when event = 'Checkout Started' then user_id end) checkout,"
            + " count(distinct case when event = 'Order Completed' then user_id end) ordered"
            + " from events where event_date >= DATE '2026-11-01'");
  }

  private QueryBench() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    InternalTokenSigner signer =
        new InternalTokenSigner(
            InternalTokenKeys.load(Path.of(args[1])), AuthProperties.defaults());
    Path lake = Path.of(args[2]).toAbsolutePath();
    String tenant = args[3];
    long rows = Long.parseLong(args[4]);
    int runs = Integer.parseInt(args[5]);
    List<String> engines = List.of(args[6].split(","));
    Service service = new Service(HttpClient.newHttpClient(), url, signer, tenant);
    try (Connection raw = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = raw.createStatement()) {
      statement.execute("SET threads = 2");
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute(
          "CREATE VIEW events AS SELECT * FROM read_parquet('"
              + lake
              + "/events/tenant_id="
              + tenant
              + "/*/*.parquet', hive_partitioning = true)");
      System.out.printf("load average before: %s%n", loadAverage());
      // the whole suite three times on every side first: both JVMs compile their hot paths
      for (int round = 0; round < 3; round++) {
        for (String sql : SUITE.values()) {
          viaJdbc(statement, sql);
          for (String engine : engines) {
            service.run(sql, engine);
          }
        }
      }
      report(service, statement, engines, rows, runs);
      fixedCost(service, statement, runs * 3);
      System.out.printf("load average after: %s%n", loadAverage());
    }
  }

  private static void report(
      Service service, Statement statement, List<String> engines, long rows, int runs)
      throws Exception {
    boolean trino = engines.contains("trino");
    System.out.printf(
        "| query | service p50 ms | of which inside the service | raw DuckDB p50 ms | ratio |"
            + " table rows/s (service)%s |%n",
        trino ? " | Trino via service p50 ms | Trino / DuckDB" : "");
    System.out.printf(
        "| --- | ---: | ---: | ---: | ---: | ---: |%s%n", trino ? " ---: | ---: |" : "");
    double[] totals = new double[4];
    for (Map.Entry<String, String> query : SUITE.entrySet()) {
      double[][] t = new double[4][runs]; // service, server-side, raw, trino
      for (int r = 0; r < runs; r++) {
        double[] duck = service.run(query.getValue(), "duckdb");
        t[0][r] = duck[0];
        t[1][r] = duck[1];
        t[2][r] = viaJdbc(statement, query.getValue());
        t[3][r] = trino ? service.run(query.getValue(), "trino")[0] : Double.NaN;
      }
      double[] p50 = new double[4];
      for (int i = 0; i < 4; i++) {
        p50[i] = median(t[i]);
        totals[i] += p50[i];
      }
      System.out.printf(
          "| %s | %.0f | %.0f | %.0f | %.2f | %,.0f |%s%n",
          query.getKey(),
          p50[0],
          p50[1],
          p50[2],
          p50[0] / p50[2],
          rows / (p50[0] / 1000),
          trino ? " %.0f | %.1f |".formatted(p50[3], p50[3] / p50[0]) : "");
    }
    System.out.printf(
        "| **sum of p50s** | %.0f | %.0f | %.0f | %.2f | |%s%n",
        totals[0],
        totals[1],
        totals[2],
        totals[0] / totals[2],
        trino ? " %.0f | %.1f |".formatted(totals[3], totals[3] / totals[0]) : "");
  }

  /** What a request costs beyond the engine's work: {@code select 1} through every layer. */
  private static void fixedCost(Service service, Statement statement, int runs) throws Exception {
    double[][] t = new double[3][runs];
    for (int r = 0; r < runs; r++) {
      double[] duck = service.run("select 1", "duckdb");
      t[0][r] = duck[0];
      t[1][r] = duck[1];
      t[2][r] = viaJdbc(statement, "select 1");
    }
    System.out.printf(
        "fixed cost per request (select 1, p50 of %d): service %.1f ms, of which inside the service"
            + " %.1f ms; raw DuckDB %.1f ms%n",
        runs, median(t[0]), median(t[1]), median(t[2]));
  }

  private static String loadAverage() throws java.io.IOException {
    return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
  }

  /** query-service over HTTP, each request with a fresh signed token as the gateway sends. */
  record Service(HttpClient http, String url, InternalTokenSigner signer, String tenant) {

    private static final Pattern ELAPSED = Pattern.compile("\"elapsedMs\":(\\d+)");

    /** Client-side milliseconds and the service's own {@code elapsedMs} (guard to result). */
    double[] run(String sql, String engine) throws Exception {
      String token = signer.sign(new CallerIdentity(tenant, "bench", Set.of(Role.ANALYST), null));
      String body =
          "{\"sql\":\""
              + sql.replace("\"", "\\\"")
              + "\",\"engine\":\""
              + engine
              + "\",\"maxRows\":10000,\"timeoutMs\":120000}";
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url + "/v1/query/sql"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      long started = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - started) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            engine + ": " + sql + " -> " + response.statusCode() + " " + response.body());
      }
      Matcher elapsed = ELAPSED.matcher(response.body());
      return new double[] {ms, elapsed.find() ? Double.parseDouble(elapsed.group(1)) : ms};
    }
  }

  static double viaJdbc(Statement statement, String sql) throws Exception {
    long started = System.nanoTime();
    try (ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int c = 1; c <= columns; c++) {
          rs.getObject(c);
        }
      }
    }
    return (System.nanoTime() - started) / 1e6;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
