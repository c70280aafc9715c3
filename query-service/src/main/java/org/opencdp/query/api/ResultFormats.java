package org.opencdp.query.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Writes a result row by row as CSV (RFC 4180, header first) or NDJSON (one object a row). */
final class ResultFormats {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ResultFormats() {}

  static void csv(QueryResponse response, OutputStream out) throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    writeCsvLine(writer, response.columns().stream().map(c -> (Object) c.name()).toList());
    for (List<Object> row : response.rows()) {
      writeCsvLine(writer, row);
    }
    writer.flush();
  }

  static void ndjson(QueryResponse response, OutputStream out) throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    for (List<Object> row : response.rows()) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        object.put(response.columns().get(i).name(), row.get(i));
      }
      writer.write(JSON.writeValueAsString(object));
      writer.write('\n');
    }
    writer.flush();
  }

  private static void writeCsvLine(Writer writer, List<Object> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        writer.write(',');
      }
      writer.write(csvField(values.get(i)));
    }
    writer.write("\r\n");
  }

  static String csvField(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof List<?> ? JSON.writeValueAsString(value) : value.toString();
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
