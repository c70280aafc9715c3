package org.opencdp.launcher.demo;

import java.util.Optional;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * Broken copies of good events, a small share of the stream, each breaking one envelope rule so
 * that ingest-service sends it to quarantine.
 */
final class InvalidEvents {

  /** Which rule a broken event breaks (named like the quarantine reason it should get). */
  enum Kind {
    IDENTITY_MISSING,
    TYPE_UNKNOWN,
    DATATYPE_MISMATCH,
    TIMESTAMP_INVALID;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A broken event and the rule it breaks. */
  record Broken(Kind kind, ObjectNode event) {}

  private final double rate;
  private final SplittableRandom random;
  private final EventFactory events;

  InvalidEvents(double rate, SplittableRandom random, EventFactory events) {
    // one extra event per good one with probability p gives a share of p / (1 + p): solve for it
    this.rate = rate / (1 - rate);
    this.random = random;
    this.events = events;
  }

  Optional<Broken> maybeAfter(ObjectNode good) {
    if (random.nextDouble() >= rate) {
      return Optional.empty();
    }
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    ObjectNode bad = good.deepCopy();
    bad.put("messageId", events.nextMessageId("bad"));
    switch (kind) {
      case IDENTITY_MISSING -> {
        bad.remove("userId");
        bad.remove("anonymousId");
      }
      case TYPE_UNKNOWN -> bad.put("type", "purchase");
      case DATATYPE_MISMATCH -> {
        bad.remove("properties");
        bad.remove("traits");
        bad.put(good.has("traits") ? "traits" : "properties", "not-an-object");
      }
      case TIMESTAMP_INVALID -> bad.put("timestamp", "yesterday afternoon");
    }
    return Optional.of(new Broken(kind, bad));
  }
}
