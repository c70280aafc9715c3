package org.opencdp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.Log;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Segment's official Java library, unmodified, pointed at ingest-service: every message type must
 * arrive intact in the raw events topic. This is the "change one URL" promise. The library puts the
 * write key in the body; here an HTTP interceptor adds the internal token the gateway would (the
 * gateway's own test covers the key in the body).
 */
class SegmentLibraryCompatibilityTest extends IngestServiceTest {

  @Test
  void everyMessageTypeFromAnalyticsJavaArrivesIntact() throws Exception {
    String user = "seg-" + UUID.randomUUID();
    List<String> failures = new CopyOnWriteArrayList<>();
    Analytics analytics =
        Analytics.builder("cdp_wk_checked_by_the_gateway")
            .endpoint("http://127.0.0.1:" + port)
            .client(asTheGatewayWould())
            .flushQueueSize(50)
            .flushInterval(1, TimeUnit.SECONDS)
            .callback(
                new Callback() {
                  @Override
                  public void success(Message message) {}

                  @Override
                  public void failure(Message message, Throwable throwable) {
                    failures.add(message.messageId() + ": " + throwable);
                  }
                })
            .log(
                new Log() {
                  @Override
                  public void print(Level level, String format, Object... args) {
                    System.out.println(
                        "analytics-java " + level + " " + String.format(format, args));
                  }

                  @Override
                  public void print(Level level, Throwable error, String format, Object... args) {
                    System.out.println(
                        "analytics-java "
                            + level
                            + " "
                            + String.format(format, args)
                            + " "
                            + error);
                  }
                })
            .build();
    try {
      analytics.enqueue(
          TrackMessage.builder("Order Completed")
              .userId(user)
              .messageId(user + "-track")
              .properties(Map.of("revenue", 42.5, "currency", "EUR", "items", List.of("a", "b"))));
      analytics.enqueue(
          IdentifyMessage.builder()
              .userId(user)
              .messageId(user + "-identify")
              .traits(Map.of("email", "ada@example.com", "plan", "pro")));
      analytics.enqueue(
          PageMessage.builder("Pricing")
              .userId(user)
              .messageId(user + "-page")
              .properties(Map.of("path", "/pricing")));
      analytics.enqueue(ScreenMessage.builder("Cart").userId(user).messageId(user + "-screen"));
      analytics.enqueue(
          GroupMessage.builder("acme-corp")
              .userId(user)
              .messageId(user + "-group")
              .traits(Map.of("seats", 12)));
      analytics.enqueue(
          AliasMessage.builder("anon-" + user).userId(user).messageId(user + "-alias"));
      analytics.flush();
    } finally {
      analytics.shutdown();
    }

    assertThat(failures).as("uploads the library reported as failed").isEmpty();
    List<JsonNode> events = recordsWith(RAW, user, 6);
    assertThat(events).hasSize(6);
    JsonNode track = byId(events, user + "-track");
    assertThat(track.path("type").asString()).isEqualTo("track");
    assertThat(track.path("event").asString()).isEqualTo("Order Completed");
    assertThat(track.path("properties").path("revenue").decimalValue())
        .isEqualByComparingTo("42.5");
    assertThat(track.path("properties").path("items").get(1).asString()).isEqualTo("b");
    assertThat(track.path("context").path("library").path("name").asString())
        .isEqualTo("analytics-java");
    assertThat(track.path("originalTimestamp").asString()).isNotBlank();
    assertThat(byId(events, user + "-identify").path("traits").path("plan").asString())
        .isEqualTo("pro");
    assertThat(byId(events, user + "-page").path("name").asString()).isEqualTo("Pricing");
    assertThat(byId(events, user + "-screen").path("name").asString()).isEqualTo("Cart");
    assertThat(byId(events, user + "-group").path("groupId").asString()).isEqualTo("acme-corp");
    assertThat(byId(events, user + "-group").path("traits").path("seats").asInt()).isEqualTo(12);
    assertThat(byId(events, user + "-alias").path("previousId").asString())
        .isEqualTo("anon-" + user);
    assertThat(events).allSatisfy(e -> assertThat(e.path("tenantId").asString()).isEqualTo("acme"));
  }

  private okhttp3.OkHttpClient asTheGatewayWould() {
    IngestClient client = client();
    return new okhttp3.OkHttpClient.Builder()
        .addInterceptor(
            chain ->
                chain.proceed(
                    chain
                        .request()
                        .newBuilder()
                        .header("Authorization", client.authorization())
                        .build()))
        .build();
  }

  private static JsonNode byId(List<JsonNode> events, String messageId) {
    return events.stream()
        .filter(e -> e.path("messageId").asString().equals(messageId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event " + messageId + " in " + events));
  }
}
