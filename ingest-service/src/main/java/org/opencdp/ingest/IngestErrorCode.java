package org.opencdp.ingest;

import org.opencdp.servicekit.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** The errors ingest-service answers with, each a stable problem type. */
public enum IngestErrorCode implements ErrorCode.Defined {
  MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "Malformed JSON"),
  INVALID_EVENT("invalid-event", HttpStatus.BAD_REQUEST, "Invalid event"),
  EVENT_TOO_LARGE("event-too-large", HttpStatus.CONTENT_TOO_LARGE, "Event too large"),
  BATCH_TOO_LARGE("batch-too-large", HttpStatus.CONTENT_TOO_LARGE, "Batch too large"),
  BODY_TOO_LARGE("body-too-large", HttpStatus.CONTENT_TOO_LARGE, "Body too large"),
  BAD_ENCODING("bad-content-encoding", HttpStatus.BAD_REQUEST, "Undecodable body"),
  UNSUPPORTED_ENCODING(
      "unsupported-content-encoding", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported encoding"),
  UNSUPPORTED_IMPORT_FORMAT(
      "unsupported-import-format", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported import format"),
  INVALID_MAPPING("invalid-column-mapping", HttpStatus.BAD_REQUEST, "Invalid column mapping"),
  IMPORT_NOT_FOUND("import-not-found", HttpStatus.NOT_FOUND, "Import not found"),
  INVALID_DOCUMENT("invalid-document", HttpStatus.BAD_REQUEST, "Invalid document"),
  BROKER_UNAVAILABLE("broker-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Event log unavailable");

  private final Definition definition;

  IngestErrorCode(String code, HttpStatus status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
