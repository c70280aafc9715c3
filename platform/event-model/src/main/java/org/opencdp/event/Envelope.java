package org.opencdp.event;

import java.time.Instant;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields every Segment message shares, plus what the platform adds ({@code receivedAt}, {@code
 * tenantId}, {@code sourceId}). Top-level fields the spec does not name are kept in {@code extra}
 * and written back unchanged.
 *
 * <p>{@code context}, {@code integrations} and {@code extra} are never null (empty when absent).
 */
public record Envelope(
    String messageId,
    String userId,
    String anonymousId,
    Instant timestamp,
    Instant originalTimestamp,
    Instant sentAt,
    Instant receivedAt,
    String tenantId,
    String sourceId,
    ObjectNode context,
    ObjectNode integrations,
    ObjectNode extra) {

  public Envelope {
    context = orEmpty(context);
    integrations = orEmpty(integrations);
    extra = orEmpty(extra);
  }

  /** An envelope with only an identity, for tests and generators. */
  public static Envelope of(String messageId, String userId, String anonymousId) {
    return new Envelope(
        messageId, userId, anonymousId, null, null, null, null, null, null, null, null, null);
  }

  /** The identity that keys the event: userId when known, else anonymousId. */
  public String identity() {
    return userId != null ? userId : anonymousId;
  }

  public Envelope withMessageId(String id) {
    return new Envelope(
        id,
        userId,
        anonymousId,
        timestamp,
        originalTimestamp,
        sentAt,
        receivedAt,
        tenantId,
        sourceId,
        context,
        integrations,
        extra);
  }

  public Envelope withTimes(
      Instant timestamp, Instant originalTimestamp, Instant sentAt, Instant receivedAt) {
    return new Envelope(
        messageId,
        userId,
        anonymousId,
        timestamp,
        originalTimestamp,
        sentAt,
        receivedAt,
        tenantId,
        sourceId,
        context,
        integrations,
        extra);
  }

  public Envelope withSource(String tenantId, String sourceId) {
    return new Envelope(
        messageId,
        userId,
        anonymousId,
        timestamp,
        originalTimestamp,
        sentAt,
        receivedAt,
        tenantId,
        sourceId,
        context,
        integrations,
        extra);
  }

  public Envelope withContext(ObjectNode context, ObjectNode integrations) {
    return new Envelope(
        messageId,
        userId,
        anonymousId,
        timestamp,
        originalTimestamp,
        sentAt,
        receivedAt,
        tenantId,
        sourceId,
        context,
        integrations,
        extra);
  }

  private static ObjectNode orEmpty(ObjectNode node) {
    return node != null ? node : JsonNodeFactory.instance.objectNode();
  }
}
