package org.opencdp.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class EventRoundTripProperties {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final EventCodec codec = EventCodec.segment();

  @Property(tries = 500)
  void everyEventSurvivesEncodeAndDecode(@ForAll("events") SegmentEvent event) {
    byte[] json = codec.encode(event);
    assertThat(codec.decode(json)).isEqualTo(event);
  }

  @Property(tries = 300)
  void arbitraryBytesAreDecodedOrRefusedWithAReason(@ForAll byte[] body) {
    try {
      codec.decode(body);
    } catch (MalformedJson | InvalidEvent refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<SegmentEvent> events() {
    Arbitrary<Envelope> envelopes = envelopes();
    Arbitrary<String> names = text(1, 40);
    return Arbitraries.oneOf(
        Combinators.combine(envelopes, names, objects())
            .as((e, n, p) -> (SegmentEvent) new SegmentEvent.Track(e, n, p)),
        Combinators.combine(envelopes, objects())
            .as((e, t) -> (SegmentEvent) new SegmentEvent.Identify(e, t)),
        Combinators.combine(envelopes, names.injectNull(0.3), names.injectNull(0.5), objects())
            .as((e, n, c, p) -> (SegmentEvent) new SegmentEvent.Page(e, n, c, p)),
        Combinators.combine(envelopes, names.injectNull(0.3), names.injectNull(0.5), objects())
            .as((e, n, c, p) -> (SegmentEvent) new SegmentEvent.Screen(e, n, c, p)),
        Combinators.combine(envelopes, names, objects())
            .as((e, g, t) -> (SegmentEvent) new SegmentEvent.Group(e, g, t)),
        Combinators.combine(envelopes.filter(e -> e.userId() != null), names)
            .as((e, p) -> (SegmentEvent) new SegmentEvent.Alias(e, p)));
  }

  private Arbitrary<Envelope> envelopes() {
    Arbitrary<String> ids = text(1, 30);
    Arbitrary<Instant> times =
        Arbitraries.longs()
            .between(946_684_800_000_000L, 4_102_444_800_000_000L)
            .map(micros -> Instant.EPOCH.plusNanos(micros * 1000));
    Arbitrary<Instant> maybeTimes = times.injectNull(0.4);
    return Combinators.combine(
            ids.injectNull(0.2),
            ids.injectNull(0.3),
            ids,
            maybeTimes,
            maybeTimes,
            maybeTimes,
            objects(),
            extras())
        .as(
            (messageId, userId, anonymousId, ts, sentAt, receivedAt, context, extra) ->
                new Envelope(
                    messageId,
                    userId,
                    anonymousId,
                    ts,
                    ts,
                    sentAt,
                    receivedAt,
                    "acme",
                    "wk1",
                    context,
                    null,
                    extra));
  }

  private Arbitrary<ObjectNode> extras() {
    return Arbitraries.maps(Arbitraries.of("version", "channel", "x_custom", "region"), values())
        .ofMaxSize(3)
        .map(this::toObject);
  }

  private Arbitrary<ObjectNode> objects() {
    return Arbitraries.maps(text(1, 12), values()).ofMaxSize(5).map(this::toObject);
  }

  private ObjectNode toObject(java.util.Map<String, JsonNode> fields) {
    ObjectNode node = NODES.objectNode();
    fields.forEach(node::set);
    return node;
  }

  /** Leaf values as the strict codec reads them back: decimals stay BigDecimal. */
  private Arbitrary<JsonNode> values() {
    return Arbitraries.oneOf(
        text(0, 20).map(NODES::stringNode),
        Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
        Arbitraries.longs()
            .filter(l -> l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)
            .map(l -> (JsonNode) NODES.numberNode(l)),
        Arbitraries.longs()
            .between(-1_000_000_000L, 1_000_000_000L)
            .map(l -> (JsonNode) NODES.numberNode(BigDecimal.valueOf(l, 2))),
        Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
        Arbitraries.just(NODES.nullNode()),
        text(0, 8).list().ofMaxSize(3).map(l -> toArray(l)));
  }

  private JsonNode toArray(java.util.List<String> items) {
    var array = NODES.arrayNode();
    items.forEach(array::add);
    return array;
  }

  /** Any text without unpaired surrogates, which the codec refuses by design. */
  private static Arbitrary<String> text(int min, int max) {
    return Arbitraries.strings()
        .all()
        .ofMinLength(min)
        .ofMaxLength(max)
        .filter(s -> s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF))
        .filter(s -> min == 0 || !s.isBlank());
  }
}
