package org.opencdp.quality.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.quality.TestDatabase;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.LakeProperties;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.QuarantineRow;
import org.opencdp.quality.lake.SourceCoverage;
import org.opencdp.quality.lake.SourcePartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/** The index follows the lake's quarantine table, including after a crash between the two. */
class QuarantineIndexTest {

  @TempDir Path root;
  LakeWriter writer;
  QuarantineIndex index;
  Quarantine quarantine;

  @BeforeEach
  void setUp() {
    LakeProperties properties =
        new LakeProperties(
            root, DataSize.ofMegabytes(64), Duration.ofSeconds(2), 100, DataSize.ofMegabytes(8));
    writer = new LakeWriter(properties, Clock.systemUTC());
    DataSource db = TestDatabase.h2();
    JdbcClient jdbc = JdbcClient.create(db);
    index =
        new QuarantineIndex(
            jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(db)),
            new Lake(properties));
    quarantine = new Quarantine(jdbc);
  }

  static QuarantineRow row(String id, String payload) {
    return new QuarantineRow(
        "acme",
        LocalDate.of(2026, 12, 3),
        id,
        "m-" + id,
        "web",
        "quality",
        "Order Completed",
        "required_missing",
        "[{\"code\":\"required_missing\",\"field\":\"properties.order_id\",\"message\":\"x\"}]",
        payload.getBytes(StandardCharsets.UTF_8),
        Instant.parse("2026-12-03T10:00:00.123456Z"),
        "raw",
        0L,
        7L,
        "{\"plan:web\":3}");
  }

  LakeFile write(QuarantineRow... rows) {
    SourceCoverage coverage = new SourceCoverage();
    coverage.add(new SourcePartition("raw", 0), 7);
    return writer.writeQuarantine("acme", LocalDate.of(2026, 12, 3), List.of(rows), coverage);
  }

  @Test
  void rebuildsFromTheLakeWhatACrashLeftUnindexedAndOnlyOnce() {
    String payload = "{\"type\":\"track\",  \"event\":\"Order Completed\"}"; // spacing kept
    write(row("q-1", payload)); // durable, but the process died before indexing it

    assertThat(index.rebuild()).isEqualTo(1);
    assertThat(index.rebuild()).isZero();

    Quarantine.Record record = quarantine.find("acme", "q-1").orElseThrow();
    assertThat(record.payload()).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
    assertThat(record.reasonCodes()).isEqualTo("required_missing");
    assertThat(record.ruleVersions()).isEqualTo("{\"plan:web\":3}");
    assertThat(record.receivedAt()).isEqualTo(Instant.parse("2026-12-03T10:00:00.123456Z"));
    assertThat(record.status()).isEqualTo("quarantined");
    assertThat(quarantine.find("other", "q-1")).isEmpty();
  }

  @Test
  void aFileIndexedWhenItLandedIsNotReadAgain() {
    QuarantineRow row = row("q-2", "{}");
    index.landed(write(row), List.of(row));
    assertThat(index.rebuild()).isZero();
    assertThat(
            quarantine
                .page("acme", new Quarantine.Filter(null, null, null, null, null), 10, null)
                .items())
        .extracting(Quarantine.Record::id)
        .containsExactly("q-2");
  }

  @Test
  void pagesWithACursorAndFiltersByReason() {
    QuarantineRow a = row("q-a", "{}");
    QuarantineRow b = row("q-b", "{}");
    QuarantineRow c = row("q-c", "{}");
    index.landed(write(a, b, c), List.of(a, b, c));
    Quarantine.Filter all = new Quarantine.Filter(null, null, null, null, "quarantined");

    Quarantine.Page first = quarantine.page("acme", all, 2, null);
    Quarantine.Page second = quarantine.page("acme", all, 2, first.next());

    assertThat(first.items()).extracting(Quarantine.Record::id).containsExactly("q-a", "q-b");
    assertThat(second.items()).extracting(Quarantine.Record::id).containsExactly("q-c");
    assertThat(second.next()).isNull();
    assertThat(
            quarantine
                .page("acme", new Quarantine.Filter("duplicate", null, null, null, null), 10, null)
                .items())
        .isEmpty();
    assertThat(quarantine.transition("acme", "q-a", "replayed", "k")).isTrue();
    assertThat(quarantine.transition("acme", "q-a", "replayed", "k")).as("only once").isFalse();
  }
}
