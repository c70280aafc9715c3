package org.opencdp.event;

import java.util.Locale;
import java.util.Optional;

/** The six message types of the Segment spec. */
public enum EventType {
  TRACK,
  IDENTIFY,
  PAGE,
  SCREEN,
  GROUP,
  ALIAS;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name as it appears in the {@code type} field and in the endpoint path. */
  public String wireName() {
    return wireName;
  }

  public static Optional<EventType> fromWire(String name) {
    for (EventType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
