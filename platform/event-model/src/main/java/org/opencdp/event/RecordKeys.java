package org.opencdp.event;

/**
 * Kafka record keys: tenant + identity for events, so one person's events stay ordered in one
 * partition; tenant alone for per-tenant topics.
 */
public final class RecordKeys {

  private RecordKeys() {}

  public static String event(String tenantId, SegmentEvent event) {
    String identity = event.identity();
    return identity == null ? tenantId : tenantId + ":" + identity;
  }

  public static String tenant(String tenantId) {
    return tenantId;
  }
}
