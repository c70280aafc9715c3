package org.opencdp.quality.rules;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the intake follows saved plans and rules ({@code cdp.quality.rules.*}).
 *
 * @param refreshInterval how often the store's revision is compared; a save made by another process
 *     takes effect within about this (a save in this process at once)
 */
@ConfigurationProperties("cdp.quality.rules")
public record RulesProperties(@DefaultValue("1s") Duration refreshInterval) {}
