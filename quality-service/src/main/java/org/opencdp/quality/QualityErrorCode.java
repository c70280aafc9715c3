package org.opencdp.quality;

import org.opencdp.servicekit.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** The errors quality-service answers with, each a stable problem type. */
public enum QualityErrorCode implements ErrorCode {
  UNKNOWN_TABLE("unknown-table", HttpStatus.BAD_REQUEST, "Unknown lake table"),
  INVALID_DATE("invalid-date", HttpStatus.BAD_REQUEST, "Invalid date");

  private final String code;
  private final HttpStatus status;
  private final String title;

  QualityErrorCode(String code, HttpStatus status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public HttpStatus status() {
    return status;
  }

  @Override
  public String title() {
    return title;
  }
}
