package org.opencdp.event;

import java.util.Objects;

/**
 * One reason an event failed a check: the rule's code, the field it concerns (a JSON path such as
 * {@code properties.revenue}, or null for the whole event) and a sentence for people.
 */
public record Reason(String code, String field, String message) {

  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Reason of(ReasonCode code, String field, String message) {
    return new Reason(code.code(), field, message);
  }
}
