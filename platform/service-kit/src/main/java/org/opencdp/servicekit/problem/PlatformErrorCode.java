package org.opencdp.servicekit.problem;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/** The error codes every service shares: protocol-level failures rather than domain ones. */
public enum PlatformErrorCode implements ErrorCode.Defined {
  MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
  VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Validation failed"),
  UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Unauthenticated"),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "Request timeout"),
  CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  UNPROCESSABLE("unprocessable", HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable content"),
  TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
  BAD_GATEWAY("bad-gateway", HttpStatus.BAD_GATEWAY, "Bad gateway"),
  SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
  GATEWAY_TIMEOUT("gateway-timeout", HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout");

  private final Definition definition;

  PlatformErrorCode(String code, HttpStatus status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }

  /** The platform code for an HTTP status; 400 maps to {@link #MALFORMED_REQUEST}. */
  public static Optional<PlatformErrorCode> forStatus(int status) {
    return Arrays.stream(values()).filter(c -> c.status().value() == status).findFirst();
  }
}
