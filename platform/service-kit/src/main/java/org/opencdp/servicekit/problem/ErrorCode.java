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

  /** The three facts that make an error code, held by the enums that implement {@link Defined}. */
  record Definition(String code, HttpStatus status, String title) {}

  /**
   * For error-code enums: each constant holds one {@link Definition} and the interface answers from
   * it, so an enum is only its constants.
   */
  interface Defined extends ErrorCode {

    Definition definition();

    @Override
    default String code() {
      return definition().code();
    }

    @Override
    default HttpStatus status() {
      return definition().status();
    }

    @Override
    default String title() {
      return definition().title();
    }
  }
}
