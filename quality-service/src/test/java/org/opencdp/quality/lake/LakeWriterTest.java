package org.opencdp.quality.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.event.lake.EventRow;
import org.opencdp.quality.DuckDb;
import org.opencdp.quality.TestEvents;
import org.springframework.util.unit.DataSize;

class LakeWriterTest {

  @TempDir Path lake;

  static final Instant T0 = Instant.parse("2026-12-03T10:15:30.123456Z");

  LakeWriter writer() {
    return new LakeWriter(properties(), Clock.systemUTC());
  }

  LakeProperties properties() {
    return new LakeProperties(
        lake, DataSize.ofMegabytes(64), Duration.ofSeconds(2), 1000, DataSize.ofMegabytes(8));
  }

  static EventRow row(String tenant, String messageId, Instant ts) {
    return EventRow.of(TestEvents.order(tenant, messageId, ts, 19.99));
  }

  static SourceCoverage coverage(String topic, int partition, long... offsets) {
    SourceCoverage c = new SourceCoverage();
    for (long o : offsets) {
      c.add(new SourcePartition(topic, partition), o);
    }
    return c;
  }

  @Test
  void writesRowsThatDuckDbReadsWithTypedAndPartitionColumns() {
    LocalDate day = LocalDate.of(2026, 12, 3);
    LakeFile file =
        writer()
            .writeEvents(
                "acme",
                day,
                List.of(row("acme", "m-2", T0.plusSeconds(5)), row("acme", "m-1", T0)),
                coverage("raw", 0, 7, 8));

    assertThat(file.path())
        .startsWith(lake.resolve("events/tenant_id=acme/event_date=2026-12-03"))
        .hasFileName(file.path().getFileName().toString())
        .isRegularFile();
    try (DuckDb duck = new DuckDb(lake)) {
      List<Map<String, Object>> rows =
          duck.query(
              "select message_id, tenant_id, event_date, type, event, user_id, revenue, quantity,"
                  + " currency, country, city, channel, locale, source_id"
                  + " from {events} order by ts");
      assertThat(rows).hasSize(2);
      Map<String, Object> first = rows.get(0);
      assertThat(first.get("message_id")).isEqualTo("m-1");
      assertThat(first.get("tenant_id")).isEqualTo("acme");
      assertThat(first.get("event_date")).hasToString("2026-12-03");
      assertThat(first.get("type")).isEqualTo("track");
      assertThat(first.get("event")).isEqualTo("Order Completed");
      assertThat(first.get("user_id")).isEqualTo("user-m-1");
      assertThat(first.get("revenue")).isEqualTo(19.99);
      assertThat(first.get("quantity")).isEqualTo(2L);
      assertThat(first.get("currency")).isEqualTo("EUR");
      assertThat(first.get("country")).isEqualTo("DE");
      assertThat(first.get("city")).isEqualTo("Berlin");
      assertThat(first.get("channel")).isEqualTo("web");
      assertThat(first.get("locale")).isEqualTo("de-DE");
      assertThat(first.get("source_id")).isEqualTo("test-source");
      assertThat(
              duck.query(
                  "select typeof(ts) t, typeof(received_at) r, typeof(revenue) v,"
                      + " typeof(quantity) q, typeof(event_date) d, typeof(properties) p"
                      + " from {events} limit 1"))
          .containsExactly(
              Map.of(
                  "t", "TIMESTAMP WITH TIME ZONE",
                  "r", "TIMESTAMP WITH TIME ZONE",
                  "v", "DOUBLE",
                  "q", "BIGINT",
                  "d", "DATE",
                  "p", "JSON"));
    }
  }

  @Test
  void keepsTimestampsExactToTheMicrosecond() {
    Instant ts = Instant.parse("2026-12-03T23:59:59.999999Z");
    writer()
        .writeEvents(
            "acme",
            LocalDate.of(2026, 12, 3),
            List.of(row("acme", "m", ts)),
            coverage("raw", 0, 1));

    try (DuckDb duck = new DuckDb(lake)) {
      assertThat(duck.value("select epoch_us(ts) from {events}"))
          .isEqualTo(ts.getEpochSecond() * 1_000_000L + 999_999L);
      assertThat(duck.value("select epoch_us(received_at) from {events}"))
          .isEqualTo(ts.plusMillis(150).getEpochSecond() * 1_000_000L + 149_999L);
      Object read = duck.value("select ts from {events}");
      assertThat(((OffsetDateTime) read).toInstant()).isEqualTo(ts);
      assertThat(((OffsetDateTime) read).getOffset()).isEqualTo(ZoneOffset.UTC);
    }
  }

  @Test
  void storesJsonColumnsThatJsonFunctionsParse() {
    writer()
        .writeEvents(
            "acme",
            LocalDate.of(2026, 12, 3),
            List.of(row("acme", "m", T0)),
            coverage("raw", 0, 1));

    try (DuckDb duck = new DuckDb(lake)) {
      assertThat(
              duck.value(
                  "select json_extract_string(properties, '$.nested.tags[1]') from {events}"))
          .isEqualTo("b");
      assertThat(
              duck.value(
                  "select json_extract(context, '$.location.country')::varchar from {events}"))
          .isEqualTo("\"DE\"");
      assertThat(duck.value("select traits::varchar from {events}")).isEqualTo("{}");
    }
  }

  @Test
  void sortsRowsByTimestampWithinAFileAndKeepsStatistics() {
    writer()
        .writeEvents(
            "acme",
            LocalDate.of(2026, 12, 3),
            List.of(
                row("acme", "c", T0.plusSeconds(2)),
                row("acme", "a", T0),
                row("acme", "b", T0.plusSeconds(1))),
            coverage("raw", 0, 1, 2, 3));

    try (DuckDb duck = new DuckDb(lake)) {
      assertThat(duck.query("select message_id from {events}"))
          .extracting(r -> r.get("message_id"))
          .containsExactly("a", "b", "c");
      List<Map<String, Object>> stats =
          duck.query(
              "select stats_min, stats_max from parquet_metadata('"
                  + lake
                  + "/events/**/*.parquet') where path_in_schema = 'ts'");
      assertThat(stats).hasSize(1);
      assertThat(stats.get(0).get("stats_min")).isNotNull();
      assertThat(stats.get(0).get("stats_max")).isNotNull();
    }
  }

  @Test
  void recordsTheSourceOffsetsInTheFooterAndTheLakeReadsThemBack() {
    LakeWriter writer = writer();
    writer.writeEvents(
        "acme",
        LocalDate.of(2026, 12, 3),
        List.of(row("acme", "a", T0), row("acme", "b", T0)),
        coverage("raw", 0, 10, 11));
    writer.writeEvents(
        "beta", LocalDate.of(2026, 12, 4), List.of(row("beta", "c", T0)), coverage("raw", 1, 3));
    writer.writeEvents(
        "acme", LocalDate.of(2026, 12, 3), List.of(row("acme", "d", T0)), coverage("raw", 0, 12));

    SourceCoverage recorded =
        new Lake(properties()).recordedCoverage(org.opencdp.event.lake.LakeTable.EVENTS);

    assertThat(recorded.of(new SourcePartition("raw", 0))).hasToString("[10..12]");
    assertThat(recorded.of(new SourcePartition("raw", 1))).hasToString("[3]");
    try (DuckDb duck = new DuckDb(lake)) {
      assertThat(
              duck.query(
                  "select decode(value) v from parquet_kv_metadata('"
                      + lake
                      + "/events/tenant_id=beta/**/*.parquet') where decode(key) = '"
                      + SourceCoverage.METADATA_KEY
                      + "'"))
          .extracting(r -> r.get("v"))
          .containsExactly("[{\"topic\":\"raw\",\"partition\":1,\"ranges\":[[3,3]]}]");
    }
  }

  @Test
  void leavesNoHiddenFileBehindAndTheGlobNeverSeesOneInProgress() throws Exception {
    writer()
        .writeEvents(
            "acme",
            LocalDate.of(2026, 12, 3),
            List.of(row("acme", "a", T0)),
            coverage("raw", 0, 1));
    Path folder = lake.resolve("events/tenant_id=acme/event_date=2026-12-03");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .singleElement()
          .satisfies(name -> assertThat(name).startsWith("part-").endsWith(".parquet"));
    }
    // A crash mid-write leaves a hidden file: readers must not see it, the next start removes it.
    Path complete;
    try (Stream<Path> files = Files.list(folder)) {
      complete = files.findFirst().orElseThrow();
    }
    Path leftover = folder.resolve(LakeNames.inProgress("part-crashed.parquet"));
    Files.copy(complete, leftover);
    Path hiddenParquet = folder.resolve(".hidden-copy.parquet");
    Files.copy(complete, hiddenParquet);

    try (DuckDb duck = new DuckDb(lake)) {
      // DuckDB's glob does match a dot-file ending in .parquet: hence the .inprogress suffix.
      assertThat(duck.countEvents()).isEqualTo(2);
      Files.delete(hiddenParquet);
      assertThat(duck.countEvents()).isEqualTo(1);
    }
    assertThat(new Lake(properties()).discardUnfinished()).containsExactly(leftover);
    assertThat(leftover).doesNotExist();
    assertThat(complete).exists();
  }

  @Test
  void aStartLeavesAFileInProgressAloneWhileItIsYoung() throws Exception {
    Path folder =
        Files.createDirectories(lake.resolve("events/tenant_id=acme/event_date=2026-12-03"));
    Path abandoned = folder.resolve(LakeNames.inProgress("part-abandoned.parquet"));
    Path beingWritten = folder.resolve(LakeNames.inProgress("part-other-replica.parquet"));
    Files.writeString(abandoned, "x");
    Files.writeString(beingWritten, "x");
    Instant now = Instant.now();
    Files.setLastModifiedTime(
        abandoned, FileTime.from(now.minus(Lake.UNFINISHED_AFTER).minusSeconds(1)));

    List<Path> discarded =
        new Lake(properties()).discardUnfinished(now.minus(Lake.UNFINISHED_AFTER));

    assertThat(discarded).containsExactly(abandoned);
    assertThat(beingWritten).exists();
    assertThat(new Lake(properties()).discardUnfinished()).containsExactly(beingWritten);
  }

  @Test
  void refusesATenantIdThatIsNotAFolderName() {
    assertThatThrownBy(
            () ->
                writer()
                    .writeEvents(
                        "../etc",
                        LocalDate.of(2026, 12, 3),
                        List.of(row("acme", "a", T0)),
                        coverage("raw", 0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(lake.resolve("etc")).doesNotExist();
  }

  @Test
  void keepsAQuarantinedPayloadByteForByte() {
    byte[] payload =
        "{\"type\":\"track\", \"note\":\"caf\u00e9\"} trailing"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    QuarantineRow row =
        new QuarantineRow(
            "acme",
            LocalDate.of(2026, 12, 3),
            "q-1",
            null,
            null,
            "quality",
            null,
            "malformed_json",
            "[{\"code\":\"malformed_json\",\"field\":null,\"message\":\"trailing tokens\"}]",
            payload,
            T0,
            "raw",
            2L,
            41L,
            "{}");

    writer()
        .writeQuarantine("acme", LocalDate.of(2026, 12, 3), List.of(row), coverage("raw", 2, 41));

    try (DuckDb duck = new DuckDb(lake)) {
      Map<String, Object> read =
          duck.query(
                  "select payload, octet_length(encode(payload)) n,"
                      + " tenant_id, received_date, source_topic, source_partition, source_offset,"
                      + " json_extract_string(reasons, '$[0].code') code from {quarantine}")
              .get(0);
      assertThat(((String) read.get("payload")).getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(payload);
      assertThat(read.get("n")).isEqualTo((long) payload.length);
      assertThat(read.get("tenant_id")).isEqualTo("acme");
      assertThat(read.get("received_date")).hasToString("2026-12-03");
      assertThat(read.get("source_topic")).isEqualTo("raw");
      assertThat(read.get("source_partition")).isEqualTo(2L);
      assertThat(read.get("source_offset")).isEqualTo(41L);
      assertThat(read.get("code")).isEqualTo("malformed_json");
    }
    assertThat(
            new Lake(properties())
                .recordedCoverage(org.opencdp.event.lake.LakeTable.QUARANTINE)
                .of(new SourcePartition("raw", 2)))
        .hasToString("[41]");
  }

  @Test
  void aPayloadThatIsNotUtf8StillLeavesTheTableReadable() {
    byte[] payload = {'{', (byte) 0xC3, (byte) 0x28, '}'};
    QuarantineRow row =
        new QuarantineRow(
            "acme",
            LocalDate.of(2026, 12, 3),
            "q-2",
            null,
            null,
            "quality",
            null,
            "malformed_json",
            "[]",
            payload,
            T0,
            "raw",
            0L,
            1L,
            "{}");

    writer()
        .writeQuarantine("acme", LocalDate.of(2026, 12, 3), List.of(row), coverage("raw", 0, 1));

    try (DuckDb duck = new DuckDb(lake)) {
      assertThat(duck.value("select count(*) from {quarantine}")).isEqualTo(1L);
      assertThat(duck.value("select id from {quarantine}")).isEqualTo("q-2");
    }
  }
}
