package org.opencdp.ingest.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.opencdp.ingest.IngestErrorCode;
import org.opencdp.ingest.IngestProperties;
import org.opencdp.ingest.tracking.EventIntake;
import org.opencdp.ingest.tracking.TrackingResponses;
import org.opencdp.ingest.web.RequestBodies;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/import}: bulk NDJSON (one event per line) or CSV with a column mapping, streamed
 * of any size. The response is the final report; {@code GET /v1/import/{id}} shows progress while
 * it runs (choose the id with {@code importId} to poll it).
 */
@RestController
@RequiresRole(Role.WRITE)
@Tag(name = "Import", description = "Bulk NDJSON and CSV imports, streamed")
class ImportController {

  private static final Pattern IMPORT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Importer importer;
  private final ImportJobs jobs;
  private final Clock clock;
  private final int errorsKept;
  private final EventIntake intake;
  private final int maxBatchBytes;

  ImportController(
      Importer importer,
      ImportJobs jobs,
      Clock clock,
      IngestProperties properties,
      EventIntake intake) {
    this.importer = importer;
    this.intake = intake;
    this.maxBatchBytes = intake.codec().limits().maxBatchBytes();
    this.jobs = jobs;
    this.clock = clock;
    this.errorsKept = properties.importErrorsKept();
  }

  /**
   * Segment's own libraries (analytics-java among them) post their batches to {@code /v1/import/}
   * as JSON: that is the batch endpoint. NDJSON and CSV bodies are bulk imports.
   */
  @Operation(
      summary = "Bulk import: a JSON batch, NDJSON or CSV of any size",
      description =
          "application/json: a Segment batch (what Segment's libraries send here)."
              + " application/x-ndjson: one event per line. text/csv: a header row, then one event"
              + " per row; type, event and mapping=col:target[:string],... say how. Streamed; the"
              + " response is the final report, GET /v1/import/{importId} shows progress.")
  @PostMapping(
      path = {"/v1/import", "/v1/import/"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> start(
      HttpServletRequest request,
      CallerIdentity caller,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String importId,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String event,
      @RequestParam(required = false) String mapping)
      throws IOException {
    String chosen = format(format, request.getContentType());
    if (chosen.equals("batch")) {
      byte[] body = RequestBodies.read(request, maxBatchBytes, IngestErrorCode.BATCH_TOO_LARGE);
      return TrackingResponses.batch(intake.acceptBatch(body, caller));
    }
    ColumnMapping columns = chosen.equals("csv") ? ColumnMapping.parse(type, event, mapping) : null;
    String id = importId == null ? UUID.randomUUID().toString() : importId;
    if (!IMPORT_ID.matcher(id).matches()) {
      throw new ProblemException(
              PlatformErrorCode.VALIDATION_FAILED, "importId: use 1-64 letters, digits, . _ -")
          .field("importId");
    }
    ImportJob job = new ImportJob(id, caller.tenantId(), chosen, clock.instant(), errorsKept);
    if (!jobs.register(job)) {
      throw new ProblemException(
              PlatformErrorCode.VALIDATION_FAILED, "importId '" + id + "' is already in use")
          .field("importId");
    }
    try (InputStream body = RequestBodies.open(request)) {
      if (columns != null) {
        importer.csv(body, job, caller, columns);
      } else {
        importer.ndjson(body, job, caller);
      }
      job.complete(clock.instant());
    } catch (ProblemException e) {
      job.fail(clock.instant(), e.detail());
      throw stopped(e, job)
          .property("importId", id)
          .property("acceptedThroughLine", job.acceptedThroughLine());
    } catch (RuntimeException e) {
      job.fail(clock.instant(), "the import stopped on an internal error");
      throw e;
    } catch (IOException e) {
      job.fail(clock.instant(), "the upload broke off before its end");
      throw new ProblemException(
              IngestErrorCode.BAD_ENCODING,
              "the upload could not be read to its end; lines through "
                  + job.acceptedThroughLine()
                  + " were accepted")
          .property("importId", id)
          .property("acceptedThroughLine", job.acceptedThroughLine());
    }
    return job.report(clock.instant());
  }

  /**
   * What the client must know of an import stopped part-way: the lines before the failing chunk are
   * in the event log, so the detail says so rather than only what went wrong with the chunk.
   */
  private static ProblemException stopped(ProblemException e, ImportJob job) {
    long accepted = job.acceptedThroughLine();
    if (accepted == 0) {
      return e;
    }
    return e.withDetail(
        e.detail()
            + " (import "
            + job.id()
            + " stopped here; lines 1 to "
            + accepted
            + " were accepted and are kept: resend from line "
            + (accepted + 1)
            + ")");
  }

  @Operation(summary = "Progress of a running or finished import of this tenant")
  @GetMapping(path = "/v1/import/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> progress(@PathVariable String importId, CallerIdentity caller) {
    return jobs.find(caller.tenantId(), importId)
        .orElseThrow(
            () ->
                new ProblemException(
                        IngestErrorCode.IMPORT_NOT_FOUND,
                        "no import '" + importId + "' for this tenant")
                    .field("importId"))
        .report(clock.instant());
  }

  private static String format(String format, String contentType) {
    String given = format != null ? format : contentType;
    if (given == null) {
      return "batch";
    }
    String base = given.split(";")[0].strip().toLowerCase(Locale.ROOT);
    return switch (base) {
      case "ndjson",
          "jsonl",
          "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonlines" ->
          "ndjson";
      case "csv", "text/csv", "application/csv" -> "csv";
      case "json", "batch", "application/json", "text/plain" -> "batch";
      default ->
          throw unsupported(
              "'"
                  + base
                  + "' is not an import format; send application/x-ndjson, text/csv or a JSON batch");
    };
  }

  private static ProblemException unsupported(String detail) {
    return new ProblemException(IngestErrorCode.UNSUPPORTED_IMPORT_FORMAT, detail)
        .field("Content-Type");
  }
}
