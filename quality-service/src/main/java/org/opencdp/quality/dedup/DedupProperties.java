package org.opencdp.quality.dedup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deduplication by messageId ({@code cdp.quality.dedup.*}).
 *
 * @param window how long a landed messageId is remembered; 0 turns deduplication off
 */
@ConfigurationProperties("cdp.quality.dedup")
public record DedupProperties(@DefaultValue("24h") Duration window) {}
