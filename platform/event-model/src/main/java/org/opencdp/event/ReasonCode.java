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
  EVENT_TOO_LARGE("event_too_large");

  private final String code;

  ReasonCode(String code) {
    this.code = code;
  }

  /** The wire form, e.g. {@code identity_missing}. */
  public String code() {
    return code;
  }
}
