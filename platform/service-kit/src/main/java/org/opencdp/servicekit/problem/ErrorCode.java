package org.opencdp.servicekit.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** A stable, documented reason a request failed; each module owns an enum of them. */
public interface ErrorCode {

  /** Base of every problem type URI; the code is appended. */
  String TYPE_BASE = "https://opencdp.org/problems/";

  /** The machine-readable code, kebab-case, stable across releases. */
  String code();

  HttpStatus status();

  /** A short human summary that does not change from occurrence to occurrence. */
  String title();

  default URI type() {
    return URI.create(TYPE_BASE + code());
  }
}
