package org.opencdp.quality.outliers;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Statistical outlier isolation ({@code cdp.quality.outliers.*}).
 *
 * @param enabled whether events are checked at all
 * @param properties the numeric properties watched, per tenant and event
 * @param minObservations values learned before a property's distribution is trusted
 * @param factor a value above {@code factor x p99} of its property is a suspected outlier: 10x the
 *     99th percentile is an order of magnitude beyond what 1 in 100 events reaches, and still
 *     catches the common cents-for-euros (100x) and extra-zeros (10x, 1000x) entry errors
 * @param maxSeries tenant/event/property series tracked at most (memory bound)
 */
@ConfigurationProperties("cdp.quality.outliers")
public record OutlierProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue({"revenue", "price", "quantity"}) List<String> properties,
    @DefaultValue("500") int minObservations,
    @DefaultValue("10") double factor,
    @DefaultValue("10000") int maxSeries) {

  public OutlierProperties {
    properties = List.copyOf(properties);
    if (factor <= 1) {
      throw new IllegalArgumentException("cdp.quality.outliers.factor must be above 1");
    }
  }
}
