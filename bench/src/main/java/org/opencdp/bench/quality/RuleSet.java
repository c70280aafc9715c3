package org.opencdp.bench.quality;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.opencdp.servicekit.auth.AuthProperties;
import org.opencdp.servicekit.auth.InternalTokenKeys;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;

/**
 * The benchmark's rule set, posted over quality-service's REST API with the admin token the gateway
 * would mint: one tracking plan (quarantine mode) for {@code Order Completed} and {@code Product
 * Viewed}, and three CEL rules; deduplication and outlier isolation run with their defaults.
 */
final class RuleSet {

  static final String PLAN =
      """
      {"id":"web-shop","name":"Web shop","mode":"quarantine","events":[
        {"type":"track","name":"Order Completed","schema":{"type":"object",
          "required":["order_id","revenue","currency"],
          "properties":{"order_id":{"type":"string","minLength":1},
            "revenue":{"type":"number","minimum":0},"currency":{"enum":["EUR","USD"]},
            "quantity":{"type":"integer","minimum":1},
            "products":{"type":"array","items":{"type":"object","required":["product_id"]}}}}},
        {"type":"track","name":"Product Viewed","schema":{"type":"object",
          "required":["product_id","sku","price"],
          "properties":{"product_id":{"type":"string"},"sku":{"type":"string"},
            "price":{"type":"number","minimum":0},"currency":{"enum":["EUR","USD"]},
            "category":{"type":"string"}}}}]}
      """;

  static final List<String> RULES =
      List.of(
          """
          {"id":"revenue-cap","event":"Order Completed","expression":"properties.revenue <= 10000",
           "field":"properties.revenue","code":"value_out_of_range","action":"quarantine",
           "message":"an order above 10,000 is a test or a typo"}
          """,
          """
          {"id":"sku-format","event":"Product Viewed",
           "expression":"properties.sku.matches('^[A-Z]{3}-[0-9]+$')",
           "field":"properties.sku","code":"pattern_mismatch","action":"flag"}
          """,
          """
          {"id":"fresh-events","expression":"timestamp(event.timestamp) > now - duration('24h')",
           "field":"timestamp","code":"stale_event","action":"quarantine"}
          """);

  private RuleSet() {}

  /** Posts the plan and the rules; fails unless every one is created. */
  static void post(String baseUrl, Path keyFile) throws Exception {
    String token = adminToken(keyFile);
    HttpClient http = HttpClient.newHttpClient();
    create(http, baseUrl + "/v1/quality/tracking-plans", token, PLAN);
    for (String rule : RULES) {
      create(http, baseUrl + "/v1/quality/rules", token, rule);
    }
    System.out.println("posted 1 tracking plan and " + RULES.size() + " rules");
  }

  private static void create(HttpClient http, String url, String token, String body)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "POST " + url + " -> " + response.statusCode() + ": " + response.body());
    }
  }

  private static String adminToken(Path keyFile) {
    InternalTokenSigner signer =
        new InternalTokenSigner(
            InternalTokenKeys.load(keyFile),
            AuthProperties.DEFAULT_ISSUER,
            AuthProperties.DEFAULT_AUDIENCE,
            Duration.ofMinutes(30),
            Clock.systemUTC());
    return signer.sign(
        new CallerIdentity(BenchEvents.TENANT, "bench-admin", EnumSet.of(Role.ADMIN), null));
  }
}
