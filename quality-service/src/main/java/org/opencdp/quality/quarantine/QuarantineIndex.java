package org.opencdp.quality.quarantine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.intake.QuarantineSink;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.LakeReader;
import org.opencdp.quality.lake.QuarantineRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code quarantine_records} in step with the lake's quarantine table: rows are added when
 * their file is durable, in one transaction with the file's name; at start every file not yet
 * recorded is read back from the lake and added, which makes good a crash between the file and the
 * index. Adding is idempotent (ids are derived from the source position).
 */
public final class QuarantineIndex implements QuarantineSink {

  private static final Logger log = LoggerFactory.getLogger(QuarantineIndex.class);
  private static final List<String> COLUMNS =
      List.of(
          "id",
          "message_id",
          "stage",
          "event",
          "reason_codes",
          "reasons",
          "payload",
          "received_at",
          "rule_versions");

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Lake lake;

  public QuarantineIndex(JdbcClient jdbc, TransactionTemplate transactions, Lake lake) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.lake = lake;
  }

  @Override
  public void landed(LakeFile file, List<QuarantineRow> rows) {
    try {
      add(relative(file.path()), rows);
    } catch (RuntimeException e) {
      log.warn("Could not index {}; the next start will: {}", file.path(), e.toString());
    }
  }

  /** Indexes every quarantine file of the lake the index does not hold yet; returns how many. */
  public int rebuild() {
    int files = 0;
    for (Path file : lake.files(LakeTable.QUARANTINE)) {
      String name = relative(file);
      Integer known =
          jdbc.sql("select count(*) from quarantine_files where lake_file = ?")
              .param(name)
              .query(Integer.class)
              .single();
      if (known > 0) {
        continue;
      }
      add(name, read(file));
      files++;
    }
    if (files > 0) {
      log.info("Indexed {} quarantine files the index did not hold", files);
    }
    return files;
  }

  private void add(String file, List<QuarantineRow> rows) {
    transactions.executeWithoutResult(
        status -> {
          for (QuarantineRow row : rows) {
            insert(file, row);
          }
          jdbc.sql(
                  "insert into quarantine_files (lake_file, rows_count, indexed_at)"
                      + " values (?, ?, ?)")
              .params(file, rows.size(), Timestamp.from(Instant.now()))
              .update();
        });
  }

  private void insert(String file, QuarantineRow row) {
    Integer exists =
        jdbc.sql("select count(*) from quarantine_records where id = ?")
            .param(row.id())
            .query(Integer.class)
            .single();
    if (exists > 0) {
      return;
    }
    jdbc.sql(
            "insert into quarantine_records (id, tenant_id, message_id, event, stage,"
                + " reason_codes, reasons, rule_versions, received_at, payload, lake_file, status)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'quarantined')")
        .params(
            row.id(),
            row.tenantId(),
            cut(row.messageId(), 200),
            cut(row.event(), 500),
            row.stage(),
            cut(row.reasonCodes(), 1000),
            row.reasons(),
            row.ruleVersions(),
            Timestamp.from(row.receivedAt()),
            row.payload(),
            file)
        .update();
  }

  private List<QuarantineRow> read(Path file) {
    String tenant = partition(file, "tenant_id=");
    return LakeReader.read(file, COLUMNS).stream().map(r -> row(tenant, r)).toList();
  }

  private static QuarantineRow row(String tenant, Map<String, Object> r) {
    long micros = r.get("received_at") instanceof Long l ? l : 0L;
    Instant receivedAt =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    return new QuarantineRow(
        tenant,
        null,
        text(r.get("id")),
        text(r.get("message_id")),
        null,
        text(r.get("stage")),
        text(r.get("event")),
        text(r.get("reason_codes")),
        text(r.get("reasons")),
        r.get("payload") instanceof byte[] b ? b : new byte[0],
        receivedAt,
        null,
        null,
        null,
        text(r.get("rule_versions")));
  }

  private static String text(Object value) {
    return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : null;
  }

  private String relative(Path file) {
    return lake.root().relativize(file.toAbsolutePath().normalize()).toString();
  }

  private static String partition(Path file, String prefix) {
    for (Path part : file) {
      if (part.toString().startsWith(prefix)) {
        return part.toString().substring(prefix.length());
      }
    }
    return Lake.UNKNOWN_TENANT;
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
