package org.opencdp.gateway.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker in front of each downstream ({@code cdp.gateway.circuit-breaker.*}): after
 * {@code failureRateThreshold} percent of the last {@code slidingWindowSize} calls failed (at least
 * {@code minimumNumberOfCalls}), calls are answered 503 at once for {@code openFor}.
 */
@ConfigurationProperties("cdp.gateway.circuit-breaker")
public record BreakerProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("50") float failureRateThreshold,
    @DefaultValue("20") int slidingWindowSize,
    @DefaultValue("10") int minimumNumberOfCalls,
    @DefaultValue("10s") Duration openFor) {}
