package org.opencdp.quality;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.opencdp.event.EventCodec;
import org.opencdp.event.SegmentEvent;

/** Events as ingest-service produces them: decoded by the platform codec, then enriched. */
public final class TestEvents {

  public static final EventCodec CODEC = EventCodec.segment();

  private TestEvents() {}

  /** An enriched "Order Completed" track event of {@code tenant}. */
  public static SegmentEvent order(String tenant, String messageId, Instant ts, double revenue) {
    String json =
        """
        {"type":"track","event":"Order Completed","userId":"user-%s","messageId":"%s",
         "timestamp":"%s","receivedAt":"%s","tenantId":"%s","sourceId":"test-source",
         "properties":{"order_id":"o-%s","revenue":%s,"currency":"EUR","quantity":2,
                       "nested":{"tags":["a","b"]}},
         "context":{"channel":"web","locale":"de-DE","location":{"country":"DE","city":"Berlin"}}}
        """
            .formatted(messageId, messageId, ts, ts.plusMillis(150), tenant, messageId, revenue);
    return CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] encode(SegmentEvent event) {
    return CODEC.encode(event);
  }
}
