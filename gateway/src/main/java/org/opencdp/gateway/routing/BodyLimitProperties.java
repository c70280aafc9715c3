package org.opencdp.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body per route ({@code cdp.gateway.body-limits.*}); a larger one is refused
 * 413 before it reaches a service.
 *
 * @param events {@code /v1/batch} and the single-event routes (Segment: 500 KB a batch)
 * @param documents {@code /v1/documents}, as large as ingest-service takes
 * @param imports {@code /v1/import}: unset for no limit (bulk files are streamed through)
 * @param other every other route, the admin API included
 */
@ConfigurationProperties("cdp.gateway.body-limits")
public record BodyLimitProperties(
    @DefaultValue("512KB") DataSize events,
    @DefaultValue("2MB") DataSize documents,
    DataSize imports,
    @DefaultValue("1MB") DataSize other) {

  /** The limit in bytes for a request path; -1 for none. */
  long limitFor(String path) {
    if (path.equals("/v1/documents")) {
      return documents.toBytes();
    }
    return PublicRoute.of(path)
        .map(
            route ->
                switch (route.routeClass()) {
                  case INGEST -> events.toBytes();
                  case IMPORT -> imports == null ? -1 : imports.toBytes();
                  default -> other.toBytes();
                })
        .orElse(other.toBytes());
  }
}
