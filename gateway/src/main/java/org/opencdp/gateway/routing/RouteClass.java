package org.opencdp.gateway.routing;

import java.util.Locale;

/** Groups of routes that share rate limits and body size limits. */
public enum RouteClass {
  INGEST,
  IMPORT,
  QUERY,
  AI,
  ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
