package org.opencdp.quality.metrics;

import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.opencdp.quality.QualityErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/quality/metrics?from&to}: per day, event, source and rule, of the caller. */
@RestController
@RequiresRole({Role.ADMIN, Role.ANALYST})
class MetricsController {

  /** One daily row; {@code rule} is {@code *} for whole events. */
  record Day(
      LocalDate day,
      String event,
      String sourceId,
      String rule,
      long passed,
      long flagged,
      long quarantined) {}

  private final JdbcClient jdbc;
  private final QualityMetrics metrics;

  MetricsController(JdbcClient jdbc, QualityMetrics metrics) {
    this.jdbc = jdbc;
    this.metrics = metrics;
  }

  @GetMapping("/v1/quality/metrics")
  Map<String, List<Day>> metrics(
      CallerIdentity caller,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    LocalDate end = day("to", to, QualityMetrics.today());
    LocalDate start = day("from", from, end.minusDays(6));
    if (start.isAfter(end)) {
      throw new ProblemException(QualityErrorCode.INVALID_QUERY, "from is after to").field("from");
    }
    metrics.flushQuietly(); // what was counted so far, not only what the last tick wrote
    List<Day> days =
        jdbc.sql(
                "select metric_day, event, source_id, rule_key, passed, flagged, quarantined from"
                    + " quality_daily where tenant_id = ? and metric_day between ? and ?"
                    + " order by metric_day, event, source_id, rule_key")
            .params(caller.tenantId(), Date.valueOf(start), Date.valueOf(end))
            .query(
                (rs, n) ->
                    new Day(
                        rs.getDate("metric_day").toLocalDate(),
                        rs.getString("event"),
                        rs.getString("source_id"),
                        rs.getString("rule_key"),
                        rs.getLong("passed"),
                        rs.getLong("flagged"),
                        rs.getLong("quarantined")))
            .list();
    return Map.of("days", days);
  }

  private static LocalDate day(String field, String text, LocalDate fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new ProblemException(
              QualityErrorCode.INVALID_DATE, field + " must be yyyy-mm-dd; got '" + text + "'")
          .field(field);
    }
  }
}
