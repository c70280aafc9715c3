package org.opencdp.quality.lake;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the lake's {@code quarantine} table: a refused record exactly as it arrived, why, and
 * where it was read.
 *
 * @param payload the record's value byte for byte
 * @param reasonCodes the codes of every reason, comma-separated, for filtering
 * @param reasons the reasons as a JSON array of {@code {code, field, message}}
 */
public record QuarantineRow(
    String tenantId,
    LocalDate receivedDate,
    String id,
    String messageId,
    String sourceId,
    String stage,
    String event,
    String reasonCodes,
    String reasons,
    byte[] payload,
    Instant receivedAt,
    String sourceTopic,
    Long sourcePartition,
    Long sourceOffset,
    String ruleVersions) {

  static Object value(QuarantineRow row, String column) {
    return switch (column) {
      case "id" -> row.id();
      case "message_id" -> row.messageId();
      case "source_id" -> row.sourceId();
      case "stage" -> row.stage();
      case "event" -> row.event();
      case "reason_codes" -> row.reasonCodes();
      case "reasons" -> row.reasons();
      case "payload" -> row.payload();
      case "received_at" -> row.receivedAt();
      case "source_topic" -> row.sourceTopic();
      case "source_partition" -> row.sourcePartition();
      case "source_offset" -> row.sourceOffset();
      case "rule_versions" -> row.ruleVersions();
      default -> throw new IllegalArgumentException("quarantine has no file column " + column);
    };
  }
}
