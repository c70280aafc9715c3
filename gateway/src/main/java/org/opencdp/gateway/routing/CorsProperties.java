package org.opencdp.gateway.routing;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser origins other than the gateway's own that may call it ({@code cdp.gateway.cors.*}): the
 * console served by the gateway needs none; a console on a dev server does.
 */
@ConfigurationProperties("cdp.gateway.cors")
public record CorsProperties(List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {

  public CorsProperties {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
  }
}
