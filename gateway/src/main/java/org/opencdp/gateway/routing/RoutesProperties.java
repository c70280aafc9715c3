package org.opencdp.gateway.routing;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each downstream service answers ({@code cdp.gateway.routes.*}); the local ports of
 * ARCHITECTURE §3 by default.
 */
@ConfigurationProperties("cdp.gateway.routes")
public record RoutesProperties(
    @DefaultValue("http://localhost:8081") URI ingest,
    @DefaultValue("http://localhost:8082") URI quality,
    @DefaultValue("http://localhost:8083") URI query,
    @DefaultValue("http://localhost:8084") URI insight,
    @DefaultValue("http://localhost:8085") URI report,
    @DefaultValue("http://localhost:8086") URI recommend) {

  URI uri(Downstream downstream) {
    return switch (downstream) {
      case INGEST -> ingest;
      case QUALITY -> quality;
      case QUERY -> query;
      case INSIGHT -> insight;
      case REPORT -> report;
      case RECOMMEND -> recommend;
    };
  }
}
