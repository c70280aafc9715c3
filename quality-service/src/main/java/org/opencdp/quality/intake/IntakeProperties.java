package org.opencdp.quality.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How quality-service consumes {@code cdp.raw.events} ({@code cdp.quality.intake.*}).
 *
 * @param enabled whether the consumer runs at all (off for tests of other parts)
 * @param groupId the consumer group; the lake's recorded offsets, not the group, are the truth
 * @param pollTimeout the longest one poll waits, which bounds how late an age-based roll can be
 * @param retryBackoff pause after a failed write or send before the records are read again
 * @param instanceId static group membership ({@code group.instance.id}) when not blank: a restarted
 *     process takes its partitions back at once instead of waiting out the dead one's session
 */
@ConfigurationProperties("cdp.quality.intake")
public record IntakeProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("quality-service") String groupId,
    @DefaultValue("200ms") Duration pollTimeout,
    @DefaultValue("1s") Duration retryBackoff,
    @DefaultValue("") String instanceId) {}
