package org.opencdp.insight.knowledge;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The knowledge base of insight-service ({@code cdp.insight.knowledge.*}).
 *
 * @param indexDir where the Lucene index lives ({@code <data>/insight/knowledge})
 * @param intakeEnabled whether documents are consumed from {@code cdp.raw.documents}
 * @param groupId the consumer group; its offsets are committed only after the index commit
 * @param pollTimeout the longest one poll waits
 * @param retryBackoff pause after a failed batch before it is read again
 * @param maxK the most hits one search may ask for
 */
@ConfigurationProperties("cdp.insight.knowledge")
public record KnowledgeProperties(
    @DefaultValue("./data/insight/knowledge") Path indexDir,
    @DefaultValue("true") boolean intakeEnabled,
    @DefaultValue("insight-knowledge") String groupId,
    @DefaultValue("500ms") Duration pollTimeout,
    @DefaultValue("2s") Duration retryBackoff,
    @DefaultValue("50") int maxK) {}
