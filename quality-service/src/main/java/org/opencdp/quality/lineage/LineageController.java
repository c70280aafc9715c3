package org.opencdp.quality.lineage;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.opencdp.event.lake.LakeTable;
import org.opencdp.quality.QualityErrorCode;
import org.opencdp.quality.lake.CompactedInput;
import org.opencdp.quality.lake.Lake;
import org.opencdp.quality.lake.LakeWriter;
import org.opencdp.quality.lake.SourceCoverage;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which source offsets produced each lake file of the caller's tenant on one day: the files a
 * reader reads (the lake protocol: a compacted file, never the inputs it superseded).
 */
@RestController
@RequiresRole({Role.ADMIN, Role.ANALYST})
class LineageController {

  private final Lake lake;

  LineageController(Lake lake) {
    this.lake = lake;
  }

  /**
   * One lake file and where its rows came from; a compacted file also names when it was compacted
   * and the files it replaced (empty for a file the intake wrote).
   */
  record FileLineage(
      String path,
      long rows,
      @Nullable String writtenAt,
      List<Map<String, Object>> sources,
      @Nullable String compactedAt,
      List<CompactedInput> compactedFrom) {}

  /** The files of one partition, oldest first. */
  record Lineage(String table, String tenantId, LocalDate date, List<FileLineage> files) {}

  @GetMapping("/v1/lineage")
  Lineage lineage(
      CallerIdentity caller,
      @RequestParam(defaultValue = "events") String table,
      @RequestParam String date) {
    LakeTable lakeTable = table(table);
    LocalDate day = date(date);
    List<FileLineage> files =
        lake.files(lakeTable, caller.tenantId(), day).stream().map(this::lineage).toList();
    return new Lineage(lakeTable.folder(), caller.tenantId(), day, files);
  }

  private FileLineage lineage(Path file) {
    Map<String, String> metadata = Lake.metadata(file);
    String recorded = metadata.get(SourceCoverage.METADATA_KEY);
    SourceCoverage coverage =
        recorded == null ? new SourceCoverage() : SourceCoverage.fromJson(recorded);
    List<Map<String, Object>> sources =
        coverage.partitions().entrySet().stream()
            .map(
                e ->
                    Map.<String, Object>of(
                        "topic", e.getKey().topic(),
                        "partition", e.getKey().partition(),
                        "ranges", e.getValue().ranges()))
            .toList();
    return new FileLineage(
        lake.root().relativize(file).toString(),
        Long.parseLong(metadata.getOrDefault(LakeWriter.ROWS_KEY, "-1")),
        metadata.get(LakeWriter.WRITTEN_AT_KEY),
        sources,
        metadata.get(LakeWriter.COMPACTED_AT_KEY),
        CompactedInput.fromJson(metadata.get(CompactedInput.METADATA_KEY)));
  }

  private static LakeTable table(String name) {
    return Arrays.stream(LakeTable.values())
        .filter(t -> t.folder().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new ProblemException(
                    QualityErrorCode.UNKNOWN_TABLE,
                    "table must be one of events, quarantine; got '" + name + "'"));
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          QualityErrorCode.INVALID_DATE, "date must be yyyy-mm-dd; got '" + text + "'");
    }
  }
}
