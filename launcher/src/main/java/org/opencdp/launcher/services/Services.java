package org.opencdp.launcher.services;

import java.util.List;

/** Every service of the platform, in start order (ARCHITECTURE §3). */
public final class Services {

  private Services() {}

  public static final Service GATEWAY = new Service("gateway", 8080, false);
  public static final Service INGEST = new Service("ingest-service", 8081, true);

  public static final List<Service> ALL =
      List.of(
          GATEWAY,
          INGEST,
          new Service("quality-service", 8082, true),
          new Service("query-service", 8083, true),
          new Service("insight-service", 8084, true),
          new Service("report-service", 8085, true),
          new Service("recommend-service", 8086, true));

  /** Every service with its port moved by {@code offset} (0: the ports of ARCHITECTURE §3). */
  public static List<Service> shifted(int offset) {
    return ALL.stream()
        .map(s -> new Service(s.module(), s.port() + offset, s.usesKafka()))
        .toList();
  }

  /** The downstream URLs the gateway routes to ({@code CDP_INGEST_URL} …), for these services. */
  public static java.util.Map<String, String> urls(List<Service> services) {
    java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
    for (Service service : services) {
      if (service.module().endsWith("-service")) {
        String name = service.module().replace("-service", "").toUpperCase(java.util.Locale.ROOT);
        urls.put("CDP_" + name + "_URL", "http://localhost:" + service.port());
      }
    }
    return urls;
  }
}
