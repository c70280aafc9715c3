package org.opencdp.servicekit.problem;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/** A code for a status no platform code covers (a framework's 409 or 501, say). */
record StatusErrorCode(HttpStatus status) implements ErrorCode {

  static ErrorCode forStatus(int status) {
    return PlatformErrorCode.forStatus(status)
        .map(ErrorCode.class::cast)
        .orElseGet(
            () -> {
              HttpStatus known = HttpStatus.resolve(status);
              if (known != null) {
                return new StatusErrorCode(known);
              }
              return status < 500
                  ? PlatformErrorCode.MALFORMED_REQUEST
                  : PlatformErrorCode.INTERNAL;
            });
  }

  @Override
  public String code() {
    return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String title() {
    return status.getReasonPhrase();
  }
}
