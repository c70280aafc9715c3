package org.opencdp.insight;

import org.opencdp.servicekit.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** The errors insight-service answers with, each a stable problem type. */
public enum InsightErrorCode implements ErrorCode.Defined {
  INVALID_KNOWLEDGE_REQUEST(
      "invalid-knowledge-request", HttpStatus.BAD_REQUEST, "Invalid knowledge request"),
  UNSUPPORTED_KNOWLEDGE_REQUEST(
      "unsupported-knowledge-request",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Knowledge request outside the supported range");

  private final Definition definition;

  InsightErrorCode(String code, HttpStatus status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
