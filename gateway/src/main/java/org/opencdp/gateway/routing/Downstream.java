package org.opencdp.gateway.routing;

import java.util.Locale;

/** The services behind the gateway. */
public enum Downstream {
  INGEST,
  QUALITY,
  QUERY,
  INSIGHT,
  REPORT,
  RECOMMEND;

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
