package org.opencdp.quality;

import org.opencdp.servicekit.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** The errors quality-service answers with, each a stable problem type. */
public enum QualityErrorCode implements ErrorCode.Defined {
  UNKNOWN_TABLE("unknown-table", HttpStatus.BAD_REQUEST, "Unknown lake table"),
  INVALID_DATE("invalid-date", HttpStatus.BAD_REQUEST, "Invalid date"),
  INVALID_DEFINITION(
      "invalid-definition", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid tracking plan or rule"),
  DEFINITION_NOT_FOUND("definition-not-found", HttpStatus.NOT_FOUND, "No such plan or rule"),
  DEFINITION_EXISTS("definition-exists", HttpStatus.CONFLICT, "Plan or rule already exists"),
  QUARANTINE_NOT_FOUND("quarantine-not-found", HttpStatus.NOT_FOUND, "No such quarantined record"),
  INVALID_QUERY("invalid-query", HttpStatus.BAD_REQUEST, "Invalid query parameter"),
  INVALID_REPLAY("invalid-replay", HttpStatus.BAD_REQUEST, "Invalid replay or discard request");

  private final Definition definition;

  QualityErrorCode(String code, HttpStatus status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
