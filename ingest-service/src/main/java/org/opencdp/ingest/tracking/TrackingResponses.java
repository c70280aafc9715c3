package org.opencdp.ingest.tracking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Segment's response bodies: {@code {"success":true}}, plus what a batch had quarantined. */
public final class TrackingResponses {

  public static final Map<String, Object> SUCCESS = Map.of("success", true);

  private TrackingResponses() {}

  public static Map<String, Object> batch(List<Map<String, Object>> quarantined) {
    if (quarantined.isEmpty()) {
      return SUCCESS;
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("success", true);
    response.put("quarantined", quarantined);
    return response;
  }
}
