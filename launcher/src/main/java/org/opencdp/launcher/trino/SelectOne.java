package org.opencdp.launcher.trino;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencdp.launcher.process.Readiness;

/**
 * Trino's health: {@code SELECT 1} run to the end over the statement protocol, then a query that
 * must be scheduled on an active node. {@code /v1/info} says {@code "starting":false} a while
 * before the coordinator has registered itself as a worker, and {@code SELECT 1} answers before
 * that, so only an answered query on an active node counts (a user kept from the system catalog is
 * taken at {@code SELECT 1}'s word). For a moment after that a query on the lake can still fail
 * with "No nodes available": an active node serves only the system catalog until the node list
 * shows the catalogs it announced; query-service retries that failure ({@code
 * cdp.query.trino.workers-wait}).
 *
 * @param http the client
 * @param port Trino's HTTP port on the loopback address
 * @param user the Trino user that asks (one the access rules admit)
 */
public record SelectOne(HttpClient http, int port, String user) implements Readiness {

  private static final Pattern NEXT_URI = Pattern.compile("\"nextUri\"\\s*:\\s*\"([^\"]+)\"");
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_PAGES = 100;

  /** Answered only once the coordinator is an active node: its split runs there. */
  private static final String NODES =
      "SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'";

  @Override
  public State check() {
    try {
      // cheap, and keeps the server log free of queries refused while it starts
      HttpResponse<String> info =
          http.send(
              request(URI.create("http://127.0.0.1:" + port + "/v1/info")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (info.statusCode() != 200 || !info.body().contains("\"starting\":false")) {
        return State.NOT_READY;
      }
      if (!"done".equals(run("SELECT 1"))) {
        return State.NOT_READY;
      }
      String nodes = run(NODES);
      return "done".equals(nodes) || nodes.contains("Access Denied")
          ? State.READY
          : State.NOT_READY;
    } catch (IOException e) {
      return State.NOT_LISTENING;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return State.NOT_READY;
    }
  }

  /** "done", or the body of the page that carried the query's error ("" when none came). */
  private String run(String sql) throws IOException, InterruptedException {
    HttpResponse<String> page =
        http.send(
            request(URI.create("http://127.0.0.1:" + port + "/v1/statement"))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    for (int i = 0; i < MAX_PAGES && page.statusCode() == 200; i++) {
      if (page.body().contains("\"error\"")) {
        return page.body();
      }
      Matcher next = NEXT_URI.matcher(page.body());
      if (!next.find()) {
        return "done";
      }
      page =
          http.send(
              request(URI.create(next.group(1))).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    }
    return "";
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("X-Trino-User", user);
  }
}
