package org.opencdp.ingest.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.opencdp.event.Envelope;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class EnrichmentTest {

  static final CallerIdentity CALLER =
      new CallerIdentity("acme", "key-1", EnumSet.of(Role.WRITE), null);
  static final Instant RECEIVED = Instant.parse("2026-12-03T12:00:00Z");

  private static Envelope envelope(Instant timestamp, Instant originalTimestamp, Instant sentAt) {
    return new Envelope(
        "m",
        "u",
        null,
        timestamp,
        originalTimestamp,
        sentAt,
        null,
        "claimed",
        "claimed",
        null,
        null,
        null);
  }

  @Test
  void shiftsTheTimestampByTheClientsClockSkew() {
    Envelope e =
        Enrichment.enrich(
            envelope(
                Instant.parse("2020-01-01T00:00:00Z"), null, Instant.parse("2020-01-01T00:00:05Z")),
            CALLER,
            RECEIVED);
    assertThat(e.timestamp()).isEqualTo(RECEIVED.minusSeconds(5));
    assertThat(e.originalTimestamp()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(e.receivedAt()).isEqualTo(RECEIVED);
  }

  @Test
  void prefersAnExplicitOriginalTimestamp() {
    Envelope e =
        Enrichment.enrich(
            envelope(
                Instant.parse("2020-01-01T00:00:09Z"),
                Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-01-01T00:00:01Z")),
            CALLER,
            RECEIVED);
    assertThat(e.timestamp()).isEqualTo(RECEIVED.minusSeconds(1));
  }

  @Test
  void keepsTheClientTimestampWithoutSentAtAndUsesReceivedAtWithoutEither() {
    Instant client = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(Enrichment.enrich(envelope(client, null, null), CALLER, RECEIVED).timestamp())
        .isEqualTo(client);
    assertThat(Enrichment.enrich(envelope(null, null, null), CALLER, RECEIVED).timestamp())
        .isEqualTo(RECEIVED);
  }

  @Test
  void stampsTheCallersTenantAndSourceOverWhatTheBodyClaims() {
    Envelope e = Enrichment.enrich(envelope(null, null, null), CALLER, RECEIVED);
    assertThat(e.tenantId()).isEqualTo("acme");
    assertThat(e.sourceId()).isEqualTo("key-1");
  }

  @Test
  void letsTheEventsOwnContextWinOverTheBatchs() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode event = f.objectNode();
    event.putObject("context").put("ip", "1.1.1.1");
    ObjectNode shared = f.objectNode().put("ip", "9.9.9.9").put("locale", "de-DE");
    Enrichment.inheritBatchFields(event, shared, null, "2026-12-03T00:00:00Z");
    assertThat(event.path("context").path("ip").asString()).isEqualTo("1.1.1.1");
    assertThat(event.path("context").path("locale").asString()).isEqualTo("de-DE");
    assertThat(event.path("sentAt").asString()).isEqualTo("2026-12-03T00:00:00Z");
  }
}
