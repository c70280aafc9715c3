package org.opencdp.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The value written to {@code cdp.quarantine.events}: an event the platform refused, exactly as it
 * arrived, with every reason and where it was judged.
 *
 * @param tenantId owner of the event
 * @param sourceId the write key or producer that sent it
 * @param messageId the event's messageId when it had a usable one, else null
 * @param receivedAt when the platform received it
 * @param stage which step refused it ({@code ingest}, {@code quality})
 * @param reasons every rule it broke
 * @param payload the event as received
 */
public record QuarantinedEvent(
    String tenantId,
    String sourceId,
    String messageId,
    Instant receivedAt,
    String stage,
    List<Reason> reasons,
    JsonNode payload) {

  public static final String STAGE_INGEST = "ingest";

  public QuarantinedEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(payload, "payload");
    reasons = List.copyOf(reasons);
  }
}
