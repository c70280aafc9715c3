package org.opencdp.event;

import java.util.List;
import java.util.stream.Collectors;

/** An event that is well-formed JSON but breaks the envelope rules; carries every reason found. */
public final class InvalidEvent extends RuntimeException {

  private final transient List<Reason> reasons;

  public InvalidEvent(List<Reason> reasons) {
    super(
        reasons.stream()
            .map(r -> r.field() == null ? r.message() : r.field() + ": " + r.message())
            .collect(Collectors.joining("; ")),
        null,
        false,
        false);
    this.reasons = List.copyOf(reasons);
  }

  public List<Reason> reasons() {
    return reasons;
  }
}
