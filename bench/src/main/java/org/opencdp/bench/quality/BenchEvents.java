package org.opencdp.bench.quality;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.opencdp.event.EventCodec;
import org.opencdp.event.RecordKeys;
import org.opencdp.event.SegmentEvent;

/**
 * Records as ingest-service writes them to {@code cdp.raw.events}: an enriched Segment event
 * encoded by the platform codec, keyed by tenant and identity, with the {@code cdp-tenant} header.
 * 70% {@code Product Viewed}, 28% {@code Order Completed}, and every 50th record (2%) broken in one
 * of {@link Kind}'s ways, in turn.
 */
final class BenchEvents {

  static final String TENANT = "bench";
  static final String TENANT_HEADER = "cdp-tenant";

  /** How a record is meant to fare; what every 50th record is, in turn. */
  enum Kind {
    VALID,
    REQUIRED_MISSING,
    VALUE_NOT_ALLOWED,
    REVENUE_OVER_CAP,
    STALE,
    DUPLICATE,
    UNPLANNED,
    MALFORMED,
    OUTLIER,
    BAD_SKU_FLAGGED;

    static final Kind[] BROKEN = Arrays.copyOfRange(values(), 1, values().length);

    /** Whether it is meant to land in quarantine rather than in events. */
    boolean quarantined() {
      return this != VALID && this != BAD_SKU_FLAGGED;
    }
  }

  private final EventCodec codec = EventCodec.segment();
  private final String run;
  private final String topic;

  BenchEvents(String run, String topic) {
    this.run = run;
    this.topic = topic;
  }

  /**
   * Outliers are kept to one in ten of their turns (about 0.1% of orders): a p99-based detector
   * cannot isolate what is more common than 1%, it learns it.
   */
  static Kind kind(long i) {
    if (i % 50 != 49) {
      return Kind.VALID;
    }
    long turn = i / 50;
    Kind kind = Kind.BROKEN[(int) (turn % Kind.BROKEN.length)];
    return kind == Kind.OUTLIER && (turn / Kind.BROKEN.length) % 10 != 0 ? Kind.VALID : kind;
  }

  /** Record {@code i} of the run, received (and timestamped) at {@code at}. */
  ProducerRecord<String, byte[]> record(long i, Instant at) {
    Kind kind = kind(i);
    byte[] value = json(i, kind, at).getBytes(StandardCharsets.UTF_8);
    String key = TENANT + ":user-" + (i % 50_000);
    if (kind == Kind.MALFORMED) {
      value = Arrays.copyOf(value, value.length / 2);
      key = TENANT;
    }
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    record.headers().add(TENANT_HEADER, TENANT.getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /**
   * The text is written directly (the codec would cost the driver more CPU than the service's
   * screening); this checks once that the platform codec reads every kind and that the key is the
   * one ingest-service would choose.
   */
  void check() {
    Instant now = Instant.now();
    for (long i = 0; i < 50L * Kind.BROKEN.length * 2; i++) {
      if (kind(i) == Kind.MALFORMED) {
        continue;
      }
      ProducerRecord<String, byte[]> record = record(i, now);
      SegmentEvent event = codec.decode(record.value());
      if (!RecordKeys.event(TENANT, event).equals(record.key())
          || !TENANT.equals(event.envelope().tenantId())) {
        throw new IllegalStateException("not what ingest would write: " + record.key());
      }
    }
  }

  String messageId(long i) {
    return run + "-" + i;
  }

  private String json(long i, Kind kind, Instant at) {
    Instant ts = kind == Kind.STALE ? at.minus(Duration.ofDays(3)) : at.minusMillis(120);
    String messageId = messageId(kind == Kind.DUPLICATE ? i - 25 : i);
    boolean order = i % 100 < 28 || isOrderKind(kind);
    String name =
        kind == Kind.UNPLANNED ? "Coupon Applied" : order ? "Order Completed" : "Product Viewed";
    String properties = order ? orderProperties(i, kind) : productProperties(i, kind);
    return ("{\"type\":\"track\",\"event\":\"%s\",\"userId\":\"user-%d\","
            + "\"anonymousId\":\"anon-%d\",\"messageId\":\"%s\",\"timestamp\":\"%s\","
            + "\"originalTimestamp\":\"%s\",\"sentAt\":\"%s\",\"receivedAt\":\"%s\","
            + "\"tenantId\":\"%s\",\"sourceId\":\"bench-web\",\"properties\":%s,"
            + "\"context\":{\"channel\":\"web\",\"locale\":\"de-DE\",\"ip\":\"10.1.%d.%d\","
            + "\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0\","
            + "\"page\":{\"path\":\"/p/%d\",\"url\":\"https://shop.example/p/%d\"},"
            + "\"library\":{\"name\":\"analytics.js\",\"version\":\"5.2.0\"},"
            + "\"location\":{\"country\":\"DE\",\"city\":\"Berlin\"}}}")
        .formatted(
            name,
            i % 50_000,
            i % 50_000,
            messageId,
            ts,
            ts,
            ts.plusMillis(20),
            at,
            TENANT,
            properties,
            i % 250,
            i % 200,
            i % 5_000,
            i % 5_000);
  }

  private static boolean isOrderKind(Kind kind) {
    return kind == Kind.REQUIRED_MISSING
        || kind == Kind.VALUE_NOT_ALLOWED
        || kind == Kind.REVENUE_OVER_CAP
        || kind == Kind.OUTLIER
        || kind == Kind.STALE;
  }

  private static String orderProperties(long i, Kind kind) {
    double revenue =
        switch (kind) {
          case REVENUE_OVER_CAP -> 50_000;
          case OUTLIER -> 9_000; // under the cap, far above 10 x the learned p99 (~500)
          default -> 10 + i % 500 + 0.99;
        };
    String currency = kind == Kind.VALUE_NOT_ALLOWED ? "GBP" : i % 3 == 0 ? "USD" : "EUR";
    String orderId = kind == Kind.REQUIRED_MISSING ? "" : "\"order_id\":\"o-" + i + "\",";
    return String.format(
        Locale.ROOT,
        "{%s\"revenue\":%.2f,\"currency\":\"%s\",\"quantity\":%d,\"coupon\":null,"
            + "\"products\":[{\"product_id\":\"p-%d\",\"sku\":\"SKU-%d\",\"price\":%.2f,"
            + "\"quantity\":1}]}",
        orderId,
        revenue,
        currency,
        1 + i % 4,
        i % 300,
        i % 300,
        revenue);
  }

  private static String productProperties(long i, Kind kind) {
    String sku = kind == Kind.BAD_SKU_FLAGGED ? "sku_" + i : "SKU-" + (i % 300);
    return ("{\"product_id\":\"p-%d\",\"sku\":\"%s\",\"category\":\"%s\",\"name\":\"Runner %d\","
            + "\"price\":%d.95,\"currency\":\"EUR\",\"brand\":\"Acme\"}")
        .formatted(i % 300, sku, i % 2 == 0 ? "shoes" : "apparel", i % 300, 20 + i % 180);
  }
}
