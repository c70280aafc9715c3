package org.opencdp.ai.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every model call (chat and remote embeddings) is protected ({@code cdp.ai.resilience.*}).
 *
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff wait before the first retry, doubled each time
 * @param maxBackoff the longest wait between attempts; a longer Retry-After is capped to it
 * @param failureRate percentage of failed calls that opens the breaker
 * @param slidingWindow calls the failure rate is measured over
 * @param minimumCalls calls needed before the breaker judges
 * @param openFor how long an open breaker refuses calls before it lets a trial through
 * @param maxConcurrent calls in flight at once per endpoint (bulkhead)
 * @param maxWait how long a call waits for a free bulkhead slot
 */
@ConfigurationProperties("cdp.ai.resilience")
public record ResilienceProperties(
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("500ms") Duration initialBackoff,
    @DefaultValue("5s") Duration maxBackoff,
    @DefaultValue("50") float failureRate,
    @DefaultValue("10") int slidingWindow,
    @DefaultValue("5") int minimumCalls,
    @DefaultValue("30s") Duration openFor,
    @DefaultValue("8") int maxConcurrent,
    @DefaultValue("1s") Duration maxWait) {

  public static ResilienceProperties defaults() {
    return new ResilienceProperties(
        3,
        Duration.ofMillis(500),
        Duration.ofSeconds(5),
        50,
        10,
        5,
        Duration.ofSeconds(30),
        8,
        Duration.ofSeconds(1));
  }
}
