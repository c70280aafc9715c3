package org.opencdp.ingest.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencdp.servicekit.problem.ProblemException;
import tools.jackson.databind.node.ObjectNode;

class CsvAndLinesTest {

  private static LineReader lines(String text, int max) {
    return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
  }

  @Test
  void splitsLinesOnLfAndCrLfAndSkipsOverlongOnesWithoutBufferingThem() throws IOException {
    LineReader reader = lines("a\r\nbb\n" + "x".repeat(100) + "\nccc", 10);
    assertThat(new String(reader.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("a");
    assertThat(new String(reader.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("bb");
    LineReader.Line tooLong = reader.next();
    assertThat(tooLong.tooLong()).isTrue();
    assertThat(tooLong.length()).isEqualTo(100);
    LineReader.Line last = reader.next();
    assertThat(last.number()).isEqualTo(4);
    assertThat(new String(last.bytes(), StandardCharsets.UTF_8)).isEqualTo("ccc");
    assertThat(reader.next()).isNull();
  }

  @Test
  void dropsTheByteOrderMarkSpreadsheetsWrite() throws IOException {
    CsvRecords records = new CsvRecords(lines("\uFEFFuserId,plan\nu1,pro\n", 1000));
    assertThat(records.next().fields()).containsExactly("userId", "plan");
  }

  @Test
  void readsQuotedCsvFieldsWithCommasQuotesAndLineBreaks() throws IOException {
    CsvRecords records =
        new CsvRecords(lines("a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",2,\n", 1000));
    assertThat(records.next().fields()).containsExactly("a", "b,c", "say \"hi\"");
    CsvRecords.CsvRecord second = records.next();
    assertThat(second.fields()).containsExactly("multi\nline", "2", "");
    assertThat(second.line()).isEqualTo(2);
    assertThat(records.next()).isNull();
  }

  @Test
  void reportsAnUnclosedQuoteAndStrayCharacters() throws IOException {
    assertThat(new CsvRecords(lines("\"open,1\n", 1000)).next().fault()).contains("not closed");
    assertThat(new CsvRecords(lines("\"a\"b,1\n", 1000)).next().fault()).contains("stray");
  }

  @Test
  void mapsColumnsToEventFieldsAndTypesValues() {
    ColumnMapping mapping =
        ColumnMapping.parse(
            "track", "Signup", "uid:userId,plan:traits.plan,code:properties.code:string");
    mapping.header(List.of("uid", "plan", "code", "amount", "ok", "timestamp"));
    ObjectNode event =
        mapping.row(List.of("u1", "pro", "007", "12.50", "true", "2026-12-01T00:00:00Z"));
    assertThat(event.path("type").asString()).isEqualTo("track");
    assertThat(event.path("event").asString()).isEqualTo("Signup");
    assertThat(event.path("userId").asString()).isEqualTo("u1");
    assertThat(event.path("traits").path("plan").asString()).isEqualTo("pro");
    assertThat(event.path("properties").path("code").asString()).isEqualTo("007");
    assertThat(event.path("properties").path("amount").decimalValue())
        .isEqualByComparingTo("12.50");
    assertThat(event.path("properties").path("ok").asBoolean()).isTrue();
    assertThat(event.path("timestamp").asString()).isEqualTo("2026-12-01T00:00:00Z");
  }

  @Test
  void refusesMappingsThatAreNotFieldPaths() {
    assertThatThrownBy(() -> ColumnMapping.parse(null, null, "a:revenue"))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> ColumnMapping.parse(null, null, "a:system.exit"))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> ColumnMapping.parse(null, null, "a:properties.x:int"))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> ColumnMapping.parse("buy", null, null))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void refusesARowWhoseWidthDiffersFromTheHeader() {
    ColumnMapping mapping = ColumnMapping.parse("identify", null, null);
    mapping.header(List.of("userId", "email"));
    assertThatThrownBy(() -> mapping.row(List.of("u1"))).hasMessageContaining("1 fields");
  }
}
