package org.opencdp.ingest.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.opencdp.event.MalformedJson;
import org.opencdp.event.Reason;
import org.opencdp.event.ReasonCode;
import org.opencdp.ingest.IngestProperties;
import org.opencdp.ingest.publish.EventLog;
import org.opencdp.ingest.tracking.EventIntake;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams an NDJSON or CSV body into Kafka in chunks: memory stays bounded by one chunk whatever
 * the file's size, every line is accepted or quarantined with its reason, and progress is visible
 * through the job while it runs.
 */
@Component
class Importer {

  private final EventIntake intake;
  private final EventLog log;
  private final Clock clock;
  private final int chunkSize;
  private final int maxLine;

  Importer(EventIntake intake, EventLog log, Clock clock, IngestProperties properties) {
    this.intake = intake;
    this.log = log;
    this.clock = clock;
    this.chunkSize = properties.importChunk();
    this.maxLine = intake.codec().limits().maxEventBytes();
  }

  void ndjson(InputStream body, ImportJob job, CallerIdentity caller) throws IOException {
    LineReader lines = new LineReader(body, maxLine);
    Chunk chunk = new Chunk(job);
    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      job.line(lines.bytesRead());
      if (!line.tooLong() && isBlank(line.bytes())) {
        continue;
      }
      Instant now = clock.instant();
      EventIntake.Verdict verdict;
      if (line.tooLong()) {
        verdict = tooLong(line, caller, now);
      } else {
        try {
          ObjectNode node = intake.codec().readObject(line.bytes());
          verdict = intake.judge(node, null, caller, now);
        } catch (MalformedJson e) {
          verdict =
              intake.quarantineText(
                  new String(line.bytes(), StandardCharsets.UTF_8),
                  caller,
                  now,
                  Reason.of(ReasonCode.MALFORMED_JSON, e.pointer(), e.getMessage()));
        }
      }
      chunk.add(line.number(), verdict);
    }
    chunk.flush();
  }

  void csv(InputStream body, ImportJob job, CallerIdentity caller, ColumnMapping mapping)
      throws IOException {
    LineReader lines = new LineReader(body, maxLine);
    CsvRecords records = new CsvRecords(lines);
    Chunk chunk = new Chunk(job);
    for (CsvRecords.CsvRecord record = records.next(); record != null; record = records.next()) {
      job.line(lines.bytesRead());
      Instant now = clock.instant();
      if (record.fault() == null && !mapping.hasHeader()) {
        mapping.header(record.fields());
        continue;
      }
      if (record.fault() == null
          && record.fields().size() == 1
          && record.fields().get(0).isBlank()) {
        continue;
      }
      EventIntake.Verdict verdict;
      if (record.fault() != null) {
        verdict = csvFault(record, record.fault(), caller, now);
      } else {
        try {
          verdict = intake.judge(mapping.row(record.fields()), null, caller, now);
        } catch (IllegalArgumentException e) {
          verdict = csvFault(record, e.getMessage(), caller, now);
        }
      }
      chunk.add(record.line(), verdict);
    }
    chunk.flush();
  }

  private EventIntake.Verdict tooLong(LineReader.Line line, CallerIdentity caller, Instant now) {
    return intake.quarantineText(
        "",
        caller,
        now,
        Reason.of(
            ReasonCode.EVENT_TOO_LARGE,
            null,
            "line " + line.number() + " is " + line.length() + " bytes; the limit is " + maxLine));
  }

  private EventIntake.Verdict csvFault(
      CsvRecords.CsvRecord record, String fault, CallerIdentity caller, Instant now) {
    return intake.quarantineText(
        record.raw() == null ? "" : record.raw(),
        caller,
        now,
        Reason.of(
            ReasonCode.MALFORMED_JSON, null, "CSV record at line " + record.line() + ": " + fault));
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Records waiting for one round trip to Kafka. */
  private final class Chunk {
    private final ImportJob job;
    private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>(chunkSize);
    private long accepted;
    private long quarantined;
    private long lastLine;

    Chunk(ImportJob job) {
      this.job = job;
    }

    void add(long line, EventIntake.Verdict verdict) {
      records.add(verdict.record());
      if (verdict.quarantined()) {
        quarantined++;
        job.error(line, verdict.reasons());
      } else {
        accepted++;
      }
      lastLine = line;
      if (records.size() >= chunkSize) {
        flush();
      }
    }

    void flush() {
      log.publish(records);
      job.committed(accepted, quarantined, lastLine);
      records.clear();
      accepted = 0;
      quarantined = 0;
    }
  }
}
