package org.opencdp.quality.outliers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.event.Reason;
import org.opencdp.event.ReasonCode;
import tools.jackson.databind.JsonNode;

/**
 * Learns, per tenant, event and numeric property, the 99th percentile of the values' magnitude
 * (streaming, {@link P2Quantile}) and flags a value beyond {@code factor x p99} once enough values
 * were seen. Learns only from events that were not refused. In memory: after a restart a series is
 * trusted again after {@code minObservations} values. Used by the intake thread only.
 */
public final class OutlierDetector {

  private final OutlierProperties properties;
  private final Map<String, P2Quantile> series = new HashMap<>();

  public OutlierDetector(OutlierProperties properties) {
    this.properties = properties;
  }

  /** The reasons {@code values} (an event's properties) hold suspected outliers; empty if none. */
  public List<Reason> check(String tenant, String event, JsonNode values) {
    if (!properties.enabled() || !values.isObject()) {
      return List.of();
    }
    List<Reason> reasons = new ArrayList<>();
    for (String property : properties.properties()) {
      JsonNode value = values.get(property);
      if (value == null || !value.isNumber()) {
        continue;
      }
      P2Quantile p99 = series.get(key(tenant, event, property));
      if (p99 == null || p99.count() < properties.minObservations()) {
        continue;
      }
      double magnitude = Math.abs(value.doubleValue());
      double limit = properties.factor() * p99.value();
      if (limit > 0 && magnitude > limit) {
        reasons.add(
            new Reason(
                ReasonCode.SUSPECTED_OUTLIER.code(),
                "properties." + property,
                String.format(
                    java.util.Locale.ROOT,
                    "%s is %.4g, over %.4g x the p99 of %.4g learned from %d events",
                    property,
                    value.doubleValue(),
                    properties.factor(),
                    p99.value(),
                    p99.count())));
      }
    }
    return reasons;
  }

  /** Adds an accepted event's values to what is learned. */
  public void learn(String tenant, String event, JsonNode values) {
    if (!properties.enabled() || !values.isObject()) {
      return;
    }
    for (String property : properties.properties()) {
      JsonNode value = values.get(property);
      if (value == null || !value.isNumber()) {
        continue;
      }
      String key = key(tenant, event, property);
      P2Quantile p99 = series.get(key);
      if (p99 == null) {
        if (series.size() >= properties.maxSeries()) {
          continue;
        }
        p99 = new P2Quantile(0.99);
        series.put(key, p99);
      }
      p99.add(Math.abs(value.doubleValue()));
    }
  }

  private static String key(String tenant, String event, String property) {
    return tenant + '\u0000' + event + '\u0000' + property;
  }
}
