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
import java.util.Map;
import java.util.Set;
import org.opencdp.servicekit.auth.AuthProperties;
import org.opencdp.servicekit.auth.InternalTokenKeys;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;

/**
 * Dashboard-style queries through query-service's HTTP API and, in the same run and alternating,
 * through raw DuckDB JDBC on the same files: p50 of each, the ratio, and table rows per second.
 *
 * <p>Usage: {@code QueryBench <service url> <jwk file> <lake root> <tenant> <rows> <runs> <engine>}
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
    String engine = args[6];
    HttpClient http = HttpClient.newHttpClient();
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
      System.out.printf(
          "| query | service p50 ms | raw DuckDB p50 ms | ratio | table rows/s (service) |%n");
      System.out.printf("| --- | ---: | ---: | ---: | ---: |%n");
      double serviceTotal = 0;
      double rawTotal = 0;
      for (Map.Entry<String, String> query : SUITE.entrySet()) {
        double[] service = new double[runs];
        double[] direct = new double[runs];
        for (int warm = 0; warm < 2; warm++) {
          viaService(http, url, signer, tenant, query.getValue(), engine);
          viaJdbc(statement, query.getValue());
        }
        for (int r = 0; r < runs; r++) {
          service[r] = viaService(http, url, signer, tenant, query.getValue(), engine);
          direct[r] = viaJdbc(statement, query.getValue());
        }
        double s = median(service);
        double d = median(direct);
        serviceTotal += s;
        rawTotal += d;
        System.out.printf(
            "| %s | %.0f | %.0f | %.2f | %,.0f |%n",
            query.getKey(), s, d, s / d, rows / (s / 1000));
      }
      System.out.printf(
          "| **sum of p50s** | %.0f | %.0f | %.2f | |%n",
          serviceTotal, rawTotal, serviceTotal / rawTotal);
    }
  }

  static double viaService(
      HttpClient http,
      String url,
      InternalTokenSigner signer,
      String tenant,
      String sql,
      String engine)
      throws Exception {
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
      throw new IllegalStateException(sql + " -> " + response.statusCode() + " " + response.body());
    }
    return ms;
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
