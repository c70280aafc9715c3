package org.opencdp.quality;

import org.opencdp.servicekit.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** The errors quality-service answers with, each a stable problem type. */
public enum QualityErrorCode implements ErrorCode.Defined {
  UNKNOWN_TABLE("unknown-table", HttpStatus.BAD_REQUEST, "Unknown lake table"),
  INVALID_DATE("invalid-date", HttpStatus.BAD_REQUEST, "Invalid date");

  private final Definition definition;

  QualityErrorCode(String code, HttpStatus status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
