package org.opencdp.query.api;

import java.util.List;
import org.opencdp.query.engine.QueryResult;
import org.opencdp.query.lake.LogicalTable;
import org.opencdp.query.lake.LogicalTables;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Read-only SQL over the caller's tenant's tables, as JSON, CSV or NDJSON. */
@RestController
@RequiresRole({Role.ANALYST, Role.ADMIN})
class QueryController {

  static final MediaType CSV = MediaType.parseMediaType("text/csv");
  static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private final SqlQueries queries;
  private final LogicalTables tables;

  QueryController(SqlQueries queries, LogicalTables tables) {
    this.queries = queries;
    this.tables = tables;
  }

  /** The logical tables and their columns. */
  record TableList(List<TableInfo> tables) {}

  /** One table. */
  record TableInfo(String name, List<QueryResult.Column> columns) {}

  @PostMapping(path = "/v1/query/sql", produces = "application/json")
  QueryResponse sql(CallerIdentity caller, @RequestBody QueryRequest request) {
    return queries.run(caller.tenantId(), request);
  }

  /** The same query, written row by row as CSV or NDJSON when the client asks for it. */
  @PostMapping(
      path = "/v1/query/sql",
      produces = {"text/csv", "application/x-ndjson"})
  ResponseEntity<StreamingResponseBody> sqlAsText(
      CallerIdentity caller,
      @RequestBody QueryRequest request,
      @RequestHeader(HttpHeaders.ACCEPT) String accept) {
    QueryResponse response = queries.run(caller.tenantId(), request);
    MediaType format = format(accept);
    StreamingResponseBody body =
        NDJSON.equals(format)
            ? out -> ResultFormats.ndjson(response, out)
            : out -> ResultFormats.csv(response, out);
    return ResponseEntity.ok()
        .contentType(format)
        .header("X-Row-Count", String.valueOf(response.rowCount()))
        .header("X-Truncated", String.valueOf(response.truncated()))
        .header("X-Engine", response.engine())
        .body(body);
  }

  @GetMapping("/v1/query/tables")
  TableList tables(CallerIdentity caller) {
    return new TableList(tables.all().stream().map(QueryController::info).toList());
  }

  private static TableInfo info(LogicalTable table) {
    return new TableInfo(
        table.name(),
        table.columns().stream().map(c -> new QueryResult.Column(c.name(), c.type())).toList());
  }

  /** CSV or NDJSON, whichever the Accept header names first. */
  private static MediaType format(String accept) {
    for (MediaType type : MediaType.parseMediaTypes(accept)) {
      if (type.isCompatibleWith(NDJSON) && !type.isWildcardType()) {
        return NDJSON;
      }
      if (type.isCompatibleWith(CSV) && !type.isWildcardType()) {
        return CSV;
      }
    }
    return CSV;
  }
}
