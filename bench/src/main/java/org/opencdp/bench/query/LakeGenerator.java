package org.opencdp.bench.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes N synthetic, realistically skewed Segment events for one tenant straight into the lake
 * layout with DuckDB's partitioned COPY: 50 event names (a few dominate), 200k users, 5k products
 * in 20 categories, 8 regions, revenue on {@code Order Completed}, 90 days.
 *
 * <p>Usage: {@code LakeGenerator <lake root> <tenant> <rows>}
 */
public final class LakeGenerator {

  static final String[] EVENTS = {
    "Page Viewed",
    "Product Viewed",
    "Products Searched",
    "Product List Viewed",
    "Product Clicked",
    "Product Added",
    "Cart Viewed",
    "Checkout Started",
    "Order Completed",
    "Product Removed",
    "Signed In",
    "Signed Up",
    "Signed Out",
    "Promotion Viewed",
    "Promotion Clicked",
    "Payment Info Entered",
    "Checkout Step Viewed",
    "Checkout Step Completed",
    "Coupon Entered",
    "Coupon Applied",
    "Coupon Denied",
    "Order Updated",
    "Order Refunded",
    "Order Cancelled",
    "Product Shared",
    "Cart Shared",
    "Product Reviewed",
    "Product Added to Wishlist",
    "Product Removed from Wishlist",
    "Wishlist Product Added to Cart",
    "Video Playback Started",
    "Video Playback Paused",
    "Video Playback Completed",
    "Video Ad Started",
    "Video Ad Completed",
    "Email Opened",
    "Email Link Clicked",
    "Push Notification Received",
    "Push Notification Tapped",
    "Application Opened",
    "Application Backgrounded",
    "Application Installed",
    "Application Updated",
    "Subscription Started",
    "Subscription Cancelled",
    "Trial Started",
    "Trial Ended",
    "Support Ticket Opened",
    "Feedback Submitted",
    "Account Deleted"
  };

  private LakeGenerator() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toAbsolutePath();
    String tenant = args[1];
    long rows = Long.parseLong(args[2]);
    Path events = Files.createDirectories(root.resolve("events"));
    long started = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET preserve_insertion_order = false");
      statement.execute(
          "COPY ("
              + select(tenant, rows)
              + ") TO '"
              + events
              + "' (FORMAT PARQUET, PARTITION_BY (tenant_id, event_date), OVERWRITE_OR_IGNORE,"
              + " FILENAME_PATTERN 'part-{uuid}', ROW_GROUP_SIZE 1000000)");
    }
    System.out.printf(
        "wrote %,d events for %s under %s in %.1f s%n",
        rows, tenant, events, (System.nanoTime() - started) / 1e9);
  }

  static String select(String tenant, long rows) {
    String names =
        IntStream.range(0, EVENTS.length)
            .mapToObj(i -> "'" + EVENTS[i] + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    // u in [0, 1): the event index follows u^2, so the first names dominate like real traffic
    return "WITH base AS (SELECT i, (hash(i) % 1000000) / 1000000.0 AS u,"
        + " hash(i * 31 + 7) AS h FROM range("
        + rows
        + ") t(i)),"
        + " shaped AS (SELECT i, h, "
        + names
        + "[1 + least(49, floor(50 * u * u)::INTEGER)]"
        + " AS event, (h % 5000) AS product, (h % 200000) AS user_no,"
        + " (TIMESTAMP '2026-09-01' + to_seconds((h % (90 * 86400))::BIGINT)) AS ts FROM base)"
        + " SELECT 'm-' || i AS message_id, 'track' AS type, event,"
        + " 'u' || user_no AS user_id, NULL::VARCHAR AS anonymous_id, ts::TIMESTAMPTZ AS ts,"
        + " (ts + INTERVAL 2 SECOND)::TIMESTAMPTZ AS received_at, 'web' AS source_id,"
        + " '{}' AS properties, '{}' AS traits, '{}' AS context,"
        + " CASE WHEN event = 'Order Completed' THEN 'o-' || i END AS order_id,"
        + " CASE WHEN event = 'Order Completed' THEN round(5 + (h % 50000) / 100.0, 2) END"
        + " AS revenue, CASE WHEN event = 'Order Completed' THEN 'EUR' END AS currency,"
        + " 'p' || product AS product_id, 'sku-' || product AS sku,"
        + " 'category-' || (product % 20) AS category, round(1 + (product % 500) / 3.0, 2)"
        + " AS price, 1 + (h % 4)::BIGINT AS quantity,"
        + " ['web', 'ios', 'android', 'email'][1 + (h % 4)::INTEGER] AS channel,"
        + " ['DE', 'FR', 'US', 'GB', 'CN', 'JP', 'BR', 'IN'][1 + (user_no % 8)::INTEGER] AS country,"
        + " ['eu-central', 'eu-west', 'us-east', 'uk', 'cn-north', 'jp', 'sa-east', 'in-south']"
        + "[1 + (user_no % 8)::INTEGER] AS region, 'city-' || (user_no % 100) AS city,"
        + " 'en-US' AS locale, '"
        + tenant
        + "' AS tenant_id, ts::DATE AS event_date FROM shaped";
  }
}
