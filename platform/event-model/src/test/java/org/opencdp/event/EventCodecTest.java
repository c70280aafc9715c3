package org.opencdp.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EventCodecTest {

  private final EventCodec codec = EventCodec.segment();

  private SegmentEvent decode(String json) {
    return codec.decode(codec.readObject(json.getBytes(StandardCharsets.UTF_8)));
  }

  private MalformedJson malformed(String json) {
    try {
      codec.readObject(json.getBytes(StandardCharsets.UTF_8));
    } catch (MalformedJson e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  private InvalidEvent invalid(String json) {
    try {
      decode(json);
    } catch (InvalidEvent e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void decodesATrackEventWithPropertiesAndContext() {
    SegmentEvent event =
        decode(
            """
            {"type":"track","event":"Order Completed","userId":"u1","messageId":"m1",
             "properties":{"revenue":19.99,"currency":"EUR"},"context":{"ip":"1.2.3.4"},
             "timestamp":"2026-12-03T10:15:30.123+01:00"}""");

    assertThat(event).isInstanceOf(SegmentEvent.Track.class);
    SegmentEvent.Track track = (SegmentEvent.Track) event;
    assertThat(track.event()).isEqualTo("Order Completed");
    assertThat(track.properties().get("revenue").decimalValue()).isEqualByComparingTo("19.99");
    assertThat(track.envelope().timestamp()).isEqualTo(Instant.parse("2026-12-03T09:15:30.123Z"));
    assertThat(track.envelope().context().get("ip").stringValue()).isEqualTo("1.2.3.4");
  }

  @Test
  void keepsTopLevelFieldsTheSpecDoesNotName() {
    SegmentEvent event =
        decode("{\"type\":\"identify\",\"userId\":\"u1\",\"version\":2,\"channel\":\"server\"}");

    ObjectNode json = codec.toJson(event);
    assertThat(json.get("version").asInt()).isEqualTo(2);
    assertThat(json.get("channel").stringValue()).isEqualTo("server");
  }

  @Test
  void neverKeepsAWriteKeySentInTheBody() {
    SegmentEvent event =
        decode("{\"type\":\"identify\",\"userId\":\"u1\",\"writeKey\":\"cdp_wk_x\"}");
    assertThat(codec.toJson(event).has("writeKey")).isFalse();
  }

  @Test
  void acceptsNumericUserIdsAsStrings() {
    assertThat(decode("{\"type\":\"identify\",\"userId\":42}").envelope().userId()).isEqualTo("42");
  }

  @Test
  void takesTheTypeFromTheEndpointWhenTheBodyHasNone() {
    ObjectNode body = codec.readObject("{\"userId\":\"u1\",\"groupId\":\"g1\"}");
    assertThat(codec.decode(body, EventType.GROUP)).isInstanceOf(SegmentEvent.Group.class);
  }

  @Test
  void refusesATypeThatContradictsTheEndpoint() {
    ObjectNode body = codec.readObject("{\"type\":\"page\",\"userId\":\"u1\"}");
    assertThatThrownBy(() -> codec.decode(body, EventType.TRACK))
        .isInstanceOfSatisfying(
            InvalidEvent.class,
            e -> assertThat(e.reasons()).extracting(Reason::code).contains("type_mismatch"));
  }

  @Test
  void refusesAnEventWithoutIdentity() {
    InvalidEvent e = invalid("{\"type\":\"track\",\"event\":\"x\"}");
    assertThat(e.reasons())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.code()).isEqualTo("identity_missing");
              assertThat(r.field()).isEqualTo("userId");
            });
  }

  @Test
  void refusesAnUnknownType() {
    assertThat(invalid("{\"type\":\"purchase\",\"userId\":\"u\"}").reasons())
        .extracting(Reason::code)
        .containsExactly("type_unknown");
  }

  @Test
  void refusesTimestampsWithoutZoneOrOutOfRange() {
    assertThat(
            invalid(
                    "{\"type\":\"identify\",\"userId\":\"u\",\"timestamp\":\"2026-12-03T10:00:00\"}")
                .reasons())
        .extracting(Reason::code, Reason::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("timestamp_invalid", "timestamp"));
    assertThat(
            invalid("{\"type\":\"identify\",\"userId\":\"u\",\"sentAt\":\"9999-01-01T00:00:00Z\"}")
                .reasons())
        .extracting(Reason::field)
        .containsExactly("sentAt");
  }

  @Test
  void reportsEveryViolationAtOnce() {
    InvalidEvent e =
        invalid("{\"type\":\"track\",\"properties\":[],\"context\":\"x\",\"timestamp\":5}");
    assertThat(e.reasons())
        .extracting(Reason::code)
        .containsExactlyInAnyOrder(
            "identity_missing",
            "required_missing",
            "datatype_mismatch",
            "datatype_mismatch",
            "timestamp_invalid");
  }

  @Test
  void aliasNeedsPreviousIdAndUserId() {
    assertThat(invalid("{\"type\":\"alias\",\"anonymousId\":\"a\"}").reasons())
        .extracting(Reason::field)
        .containsExactlyInAnyOrder("previousId", "userId");
    SegmentEvent.Alias alias =
        (SegmentEvent.Alias) decode("{\"type\":\"alias\",\"previousId\":\"a\",\"userId\":\"u\"}");
    assertThat(alias.identity()).isEqualTo("u");
  }

  @Test
  void refusesOverlongIdentifiers() {
    String longId = "x".repeat(513);
    assertThat(invalid("{\"type\":\"identify\",\"userId\":\"" + longId + "\"}").reasons())
        .extracting(Reason::code)
        .contains("value_too_long");
  }

  @Test
  void refusesDuplicateKeys() {
    MalformedJson e = malformed("{\"userId\":\"a\",\"userId\":\"b\"}");
    assertThat(e.fault()).isEqualTo(MalformedJson.Fault.DUPLICATE_KEY);
    assertThat(e.getMessage()).contains("userId");
  }

  @Test
  void refusesTrailingContentAfterTheObject() {
    assertThat(malformed("{\"a\":1} {\"b\":2}").fault()).isEqualTo(MalformedJson.Fault.SYNTAX);
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    assertThat(malformed(deep).fault()).isEqualTo(MalformedJson.Fault.TOO_DEEP);
  }

  @Test
  void refusesNumbersBeyondADouble() {
    assertThat(malformed("{\"revenue\":1e400}").fault())
        .isEqualTo(MalformedJson.Fault.NUMBER_OUT_OF_RANGE);
    assertThat(malformed("{\"revenue\":" + "9".repeat(80) + "}").fault())
        .isEqualTo(MalformedJson.Fault.TOO_LONG);
  }

  @Test
  void refusesNonStandardJson() {
    assertThat(malformed("{\"revenue\":NaN}").fault()).isEqualTo(MalformedJson.Fault.SYNTAX);
    assertThat(malformed("{'a':1}").fault()).isEqualTo(MalformedJson.Fault.SYNTAX);
    assertThat(malformed("{\"a\":1,}").fault()).isEqualTo(MalformedJson.Fault.SYNTAX);
    assertThat(malformed("{\"a\":1 /* c */}").fault()).isEqualTo(MalformedJson.Fault.SYNTAX);
  }

  @Test
  void refusesUnpairedSurrogates() {
    MalformedJson e = malformed("{\"properties\":{\"name\":\"\\ud800x\"}}");
    assertThat(e.fault()).isEqualTo(MalformedJson.Fault.INVALID_STRING);
    assertThat(e.pointer()).isEqualTo("/properties/name");
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThatThrownBy(() -> codec.readObject(body)).isInstanceOf(MalformedJson.class);
  }

  @Test
  void refusesAnythingButAnObjectAtTheTop() {
    assertThat(malformed("[1,2]").fault()).isEqualTo(MalformedJson.Fault.NOT_AN_OBJECT);
    assertThat(malformed("").fault()).isEqualTo(MalformedJson.Fault.EMPTY);
    assertThat(malformed("   ").fault()).isEqualTo(MalformedJson.Fault.EMPTY);
  }

  @Test
  void syntaxErrorsSayWhere() {
    MalformedJson e = malformed("{\n  \"a\": tru\n}");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.getMessage()).contains("line 2");
  }

  @Test
  void readsABatchWithItsSharedContext() {
    Batch batch =
        codec.readBatch(
            """
            {"batch":[{"type":"track","event":"a","userId":"u"},{"type":"page","userId":"u"}],
             "context":{"library":{"name":"analytics-java"}},"sentAt":"2026-12-03T10:00:00Z"}"""
                .getBytes(StandardCharsets.UTF_8));
    assertThat(batch.events()).hasSize(2);
    assertThat(batch.context().path("library").path("name").stringValue())
        .isEqualTo("analytics-java");
    assertThat(batch.sentAt()).isEqualTo("2026-12-03T10:00:00Z");
  }

  @Test
  void refusesABatchWithoutItsArray() {
    assertThatThrownBy(() -> codec.readBatch("{\"events\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedJson.class)
        .hasMessageContaining("batch");
  }
}
