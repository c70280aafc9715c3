package org.opencdp.gateway;

import org.opencdp.servicekit.problem.ErrorCode;
import org.springframework.http.HttpStatus;

/** The errors the gateway answers with, each a stable problem type. */
public enum GatewayErrorCode implements ErrorCode.Defined {
  MISSING_KEY("missing-key", HttpStatus.UNAUTHORIZED, "Missing key"),
  INVALID_KEY("invalid-key", HttpStatus.UNAUTHORIZED, "Invalid key"),
  REVOKED_KEY("revoked-key", HttpStatus.UNAUTHORIZED, "Revoked key"),
  KEY_IN_URL("key-in-url", HttpStatus.BAD_REQUEST, "Key in URL"),
  ROLE_REQUIRED("role-required", HttpStatus.FORBIDDEN, "Role required"),
  TENANT_FORBIDDEN("tenant-forbidden", HttpStatus.FORBIDDEN, "Other tenant"),
  INVALID_TENANT("invalid-tenant", HttpStatus.BAD_REQUEST, "Invalid tenant"),
  TENANT_EXISTS("tenant-exists", HttpStatus.CONFLICT, "Tenant exists"),
  TENANT_NOT_FOUND("tenant-not-found", HttpStatus.NOT_FOUND, "Tenant not found"),
  KEY_NOT_FOUND("key-not-found", HttpStatus.NOT_FOUND, "Key not found"),
  INVALID_KEY_REQUEST("invalid-key-request", HttpStatus.BAD_REQUEST, "Invalid key request"),
  RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded"),
  MODEL_BUDGET_EXHAUSTED(
      "model-budget-exhausted", HttpStatus.TOO_MANY_REQUESTS, "Daily model-call budget exhausted"),
  BODY_TOO_LARGE("body-too-large", HttpStatus.CONTENT_TOO_LARGE, "Body too large"),
  DOWNSTREAM_UNAVAILABLE(
      "downstream-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
  DOWNSTREAM_TIMEOUT("downstream-timeout", HttpStatus.GATEWAY_TIMEOUT, "Service timed out");

  private final Definition definition;

  GatewayErrorCode(String code, HttpStatus status, String title) {
    this.definition = new Definition(code, status, title);
  }

  @Override
  public Definition definition() {
    return definition;
  }
}
