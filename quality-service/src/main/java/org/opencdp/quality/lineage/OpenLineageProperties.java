package org.opencdp.quality.lineage;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OpenLineage run events for every lake file written and every compaction ({@code
 * cdp.lineage.openlineage.*}); off unless {@code url} is set.
 *
 * @param url where run events are POSTed, e.g. {@code http://marquez:5000/api/v1/lineage}; unset
 *     sends nothing
 * @param apiKey sent as {@code Authorization: Bearer <api-key>} when not blank
 * @param namespace the jobs' namespace
 * @param producer the URI the events name as their producer
 * @param timeout connect and request timeout of one delivery attempt
 * @param queueCapacity events waiting for delivery; more are dropped (and counted), never waited
 *     for
 * @param maxAttempts delivery attempts of one event before it is dropped (and counted)
 * @param backoff the pause after the first failed attempt, doubled after each further one
 */
@ConfigurationProperties("cdp.lineage.openlineage")
public record OpenLineageProperties(
    @Nullable URI url,
    @DefaultValue("") String apiKey,
    @DefaultValue("opencdp") String namespace,
    @DefaultValue("urn:opencdp:quality-service") URI producer,
    @DefaultValue("5s") Duration timeout,
    @DefaultValue("1000") int queueCapacity,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("500ms") Duration backoff) {

  public OpenLineageProperties {
    if (url != null && url.toString().isBlank()) {
      url = null; // CDP_OPENLINEAGE_URL set to nothing
    }
    if (url != null && !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("cdp.lineage.openlineage.url must be http(s): " + url);
    }
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("cdp.lineage.openlineage.namespace must not be blank");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("cdp.lineage.openlineage.timeout must be positive");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("cdp.lineage.openlineage.queue-capacity must be >= 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("cdp.lineage.openlineage.max-attempts must be >= 1");
    }
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("cdp.lineage.openlineage.backoff must not be negative");
    }
  }

  /** Whether run events are sent at all. */
  public boolean enabled() {
    return url != null;
  }
}
