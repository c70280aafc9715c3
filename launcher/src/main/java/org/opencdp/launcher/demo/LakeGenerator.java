package org.opencdp.launcher.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.opencdp.event.lake.LakeColumn;
import org.opencdp.event.lake.LakeTable;

/**
 * Writes large volumes of synthetic, realistically skewed Segment track events for one tenant
 * straight into the lake layout (ARCHITECTURE §6), for benchmarks: the {@code events} table's
 * columns as {@link LakeTable#EVENTS} defines them, Hive partitions {@code
 * tenant_id=<t>/event_date=<d>}, Parquet written by DuckDB's partitioned COPY. 50 event names (a
 * few dominate), the spec's users, 5k products in 20 categories, 8 regions, revenue on {@code Order
 * Completed}, an even share of the rows a day. Every value is a hash of the row number and the
 * seed, so a spec always gives the same rows.
 *
 * <p>Days are written in chunks of about a million rows (progress after each), every chunk into a
 * hidden staging folder in the lake and then moved file by file into its partition: a reader never
 * sees a half-written file.
 *
 * <p>Usage: {@code LakeGenerator <lake root> <tenant> <rows> [days [end-date [users [seed]]]]}
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

  /** The {@code source_id} of every generated event. */
  public static final String SOURCE = "lakegen";

  private static final long CHUNK_ROWS = 1_000_000;

  private final LakeSpec spec;

  public LakeGenerator(LakeSpec spec) {
    this.spec = spec;
  }

  /** What one run wrote. */
  public record Result(long rows, int partitions, int files, long bytes, long millis) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: LakeGenerator <lake root> <tenant> <rows> [days [end-date [users [seed]]]]");
      System.exit(2);
    }
    DemoSpec demo = DemoSpec.standard();
    LakeSpec spec =
        new LakeSpec(
            args[1],
            Long.parseLong(args[2]),
            args.length > 3 ? Integer.parseInt(args[3]) : demo.days(),
            args.length > 4 ? LocalDate.parse(args[4]) : demo.endDate(),
            args.length > 5 ? Integer.parseInt(args[5]) : demo.customers(),
            args.length > 6 ? Long.parseLong(args[6]) : demo.seed());
    Path root = Path.of(args[0]).toAbsolutePath();
    Result result = new LakeGenerator(spec).write(root, System.out);
    System.out.printf(
        Locale.ROOT,
        "wrote %,d events for %s under %s in %.1f s%n",
        result.rows(),
        spec.tenant(),
        root.resolve(LakeTable.EVENTS.folder()),
        result.millis() / 1000.0);
  }

  /** Writes the spec's events under {@code lakeRoot}, reporting progress to {@code progress}. */
  public Result write(Path lakeRoot, PrintStream progress) throws SQLException {
    long started = System.nanoTime();
    Path events = lakeRoot.toAbsolutePath().resolve(LakeTable.EVENTS.folder());
    Path staging = lakeRoot.toAbsolutePath().resolve(".lakegen-" + UUID.randomUUID());
    int chunks =
        (int) Math.min(spec.days(), Math.max(1, (spec.rows() + CHUNK_ROWS - 1) / CHUNK_ROWS));
    int daysPerChunk = (spec.days() + chunks - 1) / chunks;
    int files = 0;
    long bytes = 0;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      Files.createDirectories(events);
      Files.createDirectories(staging);
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("SET preserve_insertion_order = false");
      statement.execute("SET memory_limit = '1GB'");
      statement.execute("SET temp_directory = '" + staging.resolve("spill") + "'");
      for (int day = 0; day < spec.days(); day += daysPerChunk) {
        int endDay = Math.min(spec.days(), day + daysPerChunk);
        long from = spec.firstRow(day);
        long to = spec.firstRow(endDay);
        if (to > from) {
          Path chunk = staging.resolve("chunk-" + day);
          statement.execute(
              "COPY ("
                  + select(from, to)
                  + ") TO '"
                  + chunk
                  + "' (FORMAT PARQUET, PARTITION_BY (tenant_id, event_date),"
                  + " FILENAME_PATTERN 'part-{i}', ROW_GROUP_SIZE 1000000)");
          long[] moved = publish(chunk, events, day);
          files += (int) moved[0];
          bytes += moved[1];
        }
        progress.printf(
            Locale.ROOT,
            "  lake: %,d of %,d rows (%d%%), days %s..%s, %.1f s%n",
            to,
            spec.rows(),
            to * 100 / spec.rows(),
            spec.startDate(),
            spec.startDate().plusDays(endDay - 1L),
            (System.nanoTime() - started) / 1e9);
        progress.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the lake under " + events, e);
    } finally {
      deleteTree(staging);
    }
    int partitions = (int) Math.min(spec.days(), spec.rows());
    return new Result(
        spec.rows(), partitions, files, bytes, (System.nanoTime() - started) / 1_000_000);
  }

  // Moves every file of a finished chunk into its partition (one rename each); answers files,
  // bytes.
  private long[] publish(Path chunk, Path events, int chunkIndex) throws IOException {
    List<Path> written;
    try (Stream<Path> walk = Files.walk(chunk)) {
      written = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    long bytes = 0;
    for (Path file : written) {
      Path partition = chunk.relativize(file.getParent());
      Path target = Files.createDirectories(events.resolve(partition.toString()));
      String name =
          "lakegen-"
              + spec.fingerprint()
              + "-"
              + chunkIndex
              + "-"
              + file.getFileName().toString().replace("part-", "");
      bytes += Files.size(file);
      Files.move(
          file,
          target.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
    return new long[] {written.size(), bytes};
  }

  /** The rows {@code [from, to)}: every column of {@link LakeTable#EVENTS}, in its order. */
  String select(long from, long to) {
    Map<String, String> values = values();
    List<String> columns = new ArrayList<>();
    for (LakeColumn column : LakeTable.EVENTS.columns()) {
      String value = values.get(column.name());
      if (value == null) {
        throw new IllegalStateException(
            "LakeGenerator has no values for events column " + column.name());
      }
      columns.add("(" + value + ")::" + sqlType(column) + " AS " + column.name());
    }
    String names =
        IntStream.range(0, EVENTS.length)
            .mapToObj(i -> "'" + EVENTS[i] + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    long seed = spec.seed();
    // u in [0, 1): the event index follows u^2, so the first names dominate like real traffic
    return "WITH base AS (SELECT i, (hash(i, "
        + seed
        + "::BIGINT) % 1000000) / 1000000.0 AS u, hash(i * 31 + 7, "
        + seed
        + "::BIGINT) AS h FROM range("
        + from
        + ", "
        + to
        + ") t(i)),"
        + " shaped AS (SELECT i, h, "
        + names
        + "[1 + least(49, floor(50 * u * u)::INTEGER)] AS event, (h % 5000) AS product,"
        + " (h % "
        + spec.users()
        + ") AS user_no, TIMESTAMP '"
        + spec.startDate()
        + " 00:00:00' + to_days(((i * "
        + spec.days()
        + ") // "
        + spec.rows()
        + ")::INTEGER) + to_seconds((h % 86400)::BIGINT) AS ts FROM base)"
        + " SELECT "
        + String.join(", ", columns)
        + " FROM shaped";
  }

  private Map<String, String> values() {
    String seed = String.valueOf(spec.seed());
    String order = "event = 'Order Completed'";
    return Map.ofEntries(
        Map.entry("message_id", "'lg-" + seed + "-' || i"),
        Map.entry("type", "'track'"),
        Map.entry("event", "event"),
        Map.entry("user_id", "'u' || user_no"),
        Map.entry("anonymous_id", "NULL"),
        Map.entry("ts", "ts"),
        Map.entry("received_at", "ts + INTERVAL 2 SECOND"),
        Map.entry("source_id", "'" + SOURCE + "'"),
        Map.entry("properties", "'{}'"),
        Map.entry("traits", "'{}'"),
        Map.entry("context", "'{}'"),
        Map.entry("order_id", "CASE WHEN " + order + " THEN 'o-" + seed + "-' || i END"),
        Map.entry("revenue", "CASE WHEN " + order + " THEN round(5 + (h % 50000) / 100.0, 2) END"),
        Map.entry("currency", "CASE WHEN " + order + " THEN 'EUR' END"),
        Map.entry("product_id", "'p' || product"),
        Map.entry("sku", "'sku-' || product"),
        Map.entry("category", "'category-' || (product % 20)"),
        Map.entry("price", "round(1 + (product % 500) / 3.0, 2)"),
        Map.entry("quantity", "1 + (h % 4)"),
        Map.entry("channel", "['web', 'ios', 'android', 'email'][1 + (h % 4)::INTEGER]"),
        Map.entry(
            "country",
            "['DE', 'FR', 'US', 'GB', 'CN', 'JP', 'BR', 'IN'][1 + (user_no % 8)::INTEGER]"),
        Map.entry(
            "region",
            "['eu-central', 'eu-west', 'us-east', 'uk', 'cn-north', 'jp', 'sa-east',"
                + " 'in-south'][1 + (user_no % 8)::INTEGER]"),
        Map.entry("city", "'city-' || (user_no % 100)"),
        Map.entry("locale", "'en-US'"),
        Map.entry("tenant_id", "'" + spec.tenant() + "'"),
        Map.entry("event_date", "ts::DATE"));
  }

  private static String sqlType(LakeColumn column) {
    return switch (column.type()) {
      case STRING, JSON -> "VARCHAR";
      case BIGINT -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      // microseconds, UTC: what the lake writer stores and every engine reads as an instant
      case TIMESTAMP -> "TIMESTAMPTZ";
      case DATE -> "DATE";
    };
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover hidden staging folder: readers skip it
    }
  }
}
