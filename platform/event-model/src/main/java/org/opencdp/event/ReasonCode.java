package org.opencdp.event;

/**
 * Why an event was refused or quarantined: one machine-readable code per rule, shared by every
 * service that judges events, so the quarantine speaks one language.
 */
public enum ReasonCode {
  /** Neither userId nor anonymousId (nor previousId for alias) is present. */
  IDENTITY_MISSING("identity_missing"),
  /** A field the type requires (track's event, group's groupId, alias's previousId) is missing. */
  REQUIRED_MISSING("required_missing"),
  /** The type field is absent or not one of the six Segment types. */
  TYPE_UNKNOWN("type_unknown"),
  /** The body's type contradicts the endpoint it was sent to. */
  TYPE_MISMATCH("type_mismatch"),
  /** A timestamp is not ISO-8601 with a zone offset, or lies outside the accepted range. */
  TIMESTAMP_INVALID("timestamp_invalid"),
  /** A field has the wrong JSON type (an object where a string belongs, and so on). */
  DATATYPE_MISMATCH("datatype_mismatch"),
  /** A string is longer than its field allows. */
  VALUE_TOO_LONG("value_too_long"),
  /** The input is not clean JSON (an import line, say). */
  MALFORMED_JSON("malformed_json"),
  /** The event's JSON is over the per-event size limit. */
  EVENT_TOO_LARGE("event_too_large"),
  /** The event is named by no enabled tracking plan of the tenant. */
  UNPLANNED_EVENT("unplanned_event"),
  /** A property the plan's schema does not allow ({@code additionalProperties: false}). */
  ADDITIONAL_PROPERTIES("additional_properties"),
  /** A value outside {@code minimum}/{@code maximum} or a rule's range. */
  VALUE_OUT_OF_RANGE("value_out_of_range"),
  /** A value not in the schema's {@code enum}/{@code const} or a rule's allowed set. */
  VALUE_NOT_ALLOWED("value_not_allowed"),
  /** A string that does not match the schema's {@code pattern} or {@code format}. */
  PATTERN_MISMATCH("pattern_mismatch"),
  /** A timestamp outside a rule's freshness window. */
  STALE_EVENT("stale_event"),
  /** Any other violation of a plan's schema. */
  SCHEMA_VIOLATION("schema_violation"),
  /** A rule's expression was false (or could not be evaluated) and it names no other code. */
  RULE_FAILED("rule_failed"),
  /** The messageId was already landed in the lake within the deduplication window. */
  DUPLICATE("duplicate"),
  /** A numeric property far beyond what this tenant's event usually carries. */
  SUSPECTED_OUTLIER("suspected_outlier");

  private final String code;

  ReasonCode(String code) {
    this.code = code;
  }

  /** The wire form, e.g. {@code identity_missing}. */
  public String code() {
    return code;
  }
}
