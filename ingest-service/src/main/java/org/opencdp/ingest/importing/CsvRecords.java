package org.opencdp.ingest.importing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records over a {@link LineReader}: comma-separated, fields optionally in double quotes,
 * {@code ""} for a quote, quoted fields may span lines. Each record is bounded by the reader's line
 * bound times a small factor, so a runaway quote cannot swallow the file.
 */
final class CsvRecords {

  /** One record, or a fault in it. {@code line} is where the record starts. */
  record CsvRecord(long line, List<String> fields, String fault, String raw) {}

  private static final int MAX_LINES_PER_RECORD = 64;

  private final LineReader lines;

  CsvRecords(LineReader lines) {
    this.lines = lines;
  }

  CsvRecord next() throws IOException {
    LineReader.Line first = lines.next();
    if (first == null) {
      return null;
    }
    if (first.tooLong()) {
      return new CsvRecord(
          first.number(), null, "the line is " + first.length() + " bytes, over the limit", null);
    }
    StringBuilder text = new StringBuilder();
    String fault = append(text, first);
    int count = 1;
    while (fault == null && !balanced(text)) {
      LineReader.Line more = lines.next();
      if (more == null) {
        return new CsvRecord(
            first.number(),
            null,
            "a quoted field is not closed before the end of the file",
            text.toString());
      }
      if (more.tooLong() || ++count > MAX_LINES_PER_RECORD) {
        return new CsvRecord(
            first.number(), null, "a quoted field runs on for too many lines", null);
      }
      text.append('\n');
      fault = append(text, more);
    }
    if (fault != null) {
      return new CsvRecord(first.number(), null, fault, null);
    }
    String raw = text.toString();
    List<String> fields = split(raw);
    return fields == null
        ? new CsvRecord(first.number(), null, "stray characters after a closing quote", raw)
        : new CsvRecord(first.number(), fields, null, raw);
  }

  private static String append(StringBuilder text, LineReader.Line line) {
    try {
      text.append(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(line.bytes())));
      return null;
    } catch (CharacterCodingException e) {
      return "line " + line.number() + " is not valid UTF-8";
    }
  }

  private static boolean balanced(CharSequence text) {
    int quotes = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 0;
  }

  /** Splits a complete record; null when a quoted field is followed by anything but a comma. */
  static List<String> split(String record) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      if (i < record.length() && record.charAt(i) == '"') {
        i++;
        while (i < record.length()) {
          char c = record.charAt(i);
          if (c == '"') {
            if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          field.append(c);
          i++;
        }
        if (i < record.length() && record.charAt(i) != ',') {
          return null;
        }
      } else {
        while (i < record.length() && record.charAt(i) != ',') {
          field.append(record.charAt(i++));
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= record.length()) {
        return fields;
      }
      i++; // the comma
    }
  }
}
