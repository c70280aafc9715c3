package org.opencdp.quality.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.opencdp.quality.TestEvents;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.QuarantineRow;

class QuarantinedRecordsTest {

  static ConsumerRecord<String, byte[]> record(String value) {
    return new ConsumerRecord<>(
        "cdp.quarantine.events", 0, 7, "acme", value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void skipsThisServicesOwnRefusalOfAnUnreadableEvent() {
    String own =
        """
        {"tenantId":"acme","stage":"quality","payload":"{\\"type\\":\\"tra",
         "reasons":[{"code":"malformed_json"}]}
        """;
    assertThat(QuarantinedRecords.row(TestEvents.CODEC, record(own))).isNull();
  }

  @Test
  void keepsTheTenantAndTheTextOfAnotherStagesUnreadableEvent() {
    String fromIngest =
        """
        {"tenantId":"acme","stage":"ingest","messageId":"m1","payload":"not json at all",
         "reasons":[{"code":"malformed_json"}],"receivedAt":"2026-12-03T10:00:00Z"}
        """;
    QuarantineRow row = QuarantinedRecords.row(TestEvents.CODEC, record(fromIngest));
    assertThat(row.tenantId()).isEqualTo("acme");
    assertThat(row.stage()).isEqualTo("ingest");
    assertThat(new String(row.payload(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
    assertThat(row.reasonCodes()).isEqualTo("malformed_json");
  }

  @Test
  void keepsARecordThatIsNoQuarantinedEventAsMalformed() {
    QuarantineRow row = QuarantinedRecords.row(TestEvents.CODEC, record("[1,2"));
    assertThat(row.tenantId()).isEqualTo(Lake.UNKNOWN_TENANT);
    assertThat(new String(row.payload(), StandardCharsets.UTF_8)).isEqualTo("[1,2");
  }
}
