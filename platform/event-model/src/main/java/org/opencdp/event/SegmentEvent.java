package org.opencdp.event;

import java.util.Objects;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One message of the Segment spec: the shared envelope and the fields of its type. */
public sealed interface SegmentEvent
    permits SegmentEvent.Track,
        SegmentEvent.Identify,
        SegmentEvent.Page,
        SegmentEvent.Screen,
        SegmentEvent.Group,
        SegmentEvent.Alias {

  EventType type();

  Envelope envelope();

  /** The same event with its envelope replaced, e.g. after enrichment. */
  SegmentEvent withEnvelope(Envelope envelope);

  default SegmentEvent mapEnvelope(UnaryOperator<Envelope> change) {
    return withEnvelope(change.apply(envelope()));
  }

  /** The identity that keys the event in Kafka and in profiles. */
  default String identity() {
    return envelope().identity();
  }

  /** A user did something: {@code event} names it. */
  record Track(Envelope envelope, String event, ObjectNode properties) implements SegmentEvent {
    public Track {
      Objects.requireNonNull(envelope, "envelope");
      Objects.requireNonNull(event, "event");
      properties = orEmpty(properties);
    }

    @Override
    public EventType type() {
      return EventType.TRACK;
    }

    @Override
    public Track withEnvelope(Envelope e) {
      return new Track(e, event, properties);
    }
  }

  /** Who the user is: traits such as email, name, plan. */
  record Identify(Envelope envelope, ObjectNode traits) implements SegmentEvent {
    public Identify {
      Objects.requireNonNull(envelope, "envelope");
      traits = orEmpty(traits);
    }

    @Override
    public EventType type() {
      return EventType.IDENTIFY;
    }

    @Override
    public Identify withEnvelope(Envelope e) {
      return new Identify(e, traits);
    }
  }

  /** A web page was viewed. */
  record Page(Envelope envelope, String name, String category, ObjectNode properties)
      implements SegmentEvent {
    public Page {
      Objects.requireNonNull(envelope, "envelope");
      properties = orEmpty(properties);
    }

    @Override
    public EventType type() {
      return EventType.PAGE;
    }

    @Override
    public Page withEnvelope(Envelope e) {
      return new Page(e, name, category, properties);
    }
  }

  /** A mobile screen was viewed. */
  record Screen(Envelope envelope, String name, String category, ObjectNode properties)
      implements SegmentEvent {
    public Screen {
      Objects.requireNonNull(envelope, "envelope");
      properties = orEmpty(properties);
    }

    @Override
    public EventType type() {
      return EventType.SCREEN;
    }

    @Override
    public Screen withEnvelope(Envelope e) {
      return new Screen(e, name, category, properties);
    }
  }

  /** The user belongs to a group (account, company, household). */
  record Group(Envelope envelope, String groupId, ObjectNode traits) implements SegmentEvent {
    public Group {
      Objects.requireNonNull(envelope, "envelope");
      Objects.requireNonNull(groupId, "groupId");
      traits = orEmpty(traits);
    }

    @Override
    public EventType type() {
      return EventType.GROUP;
    }

    @Override
    public Group withEnvelope(Envelope e) {
      return new Group(e, groupId, traits);
    }
  }

  /** Two identities are the same person: {@code previousId} becomes {@code userId}. */
  record Alias(Envelope envelope, String previousId) implements SegmentEvent {
    public Alias {
      Objects.requireNonNull(envelope, "envelope");
      Objects.requireNonNull(previousId, "previousId");
    }

    @Override
    public EventType type() {
      return EventType.ALIAS;
    }

    @Override
    public Alias withEnvelope(Envelope e) {
      return new Alias(e, previousId);
    }

    @Override
    public String identity() {
      return envelope.userId() != null ? envelope.userId() : previousId;
    }
  }

  private static ObjectNode orEmpty(ObjectNode node) {
    return node != null ? node : JsonNodeFactory.instance.objectNode();
  }
}
