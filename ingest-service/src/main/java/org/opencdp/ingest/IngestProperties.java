package org.opencdp.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of ingest-service ({@code cdp.ingest.*}).
 *
 * @param ackTimeout how long a request waits for the broker's acknowledgement before a 503
 * @param retryAfter the Retry-After a 503 suggests
 * @param maxEventSize largest accepted event (Segment: 32 KB)
 * @param maxBatchSize largest accepted /v1/batch body (Segment: 500 KB)
 * @param maxBatchEvents most events in one batch, so a body of tiny invalid events cannot turn into
 *     a flood of quarantine records
 * @param maxDocumentSize largest accepted /v1/documents body
 * @param importChunk how many import lines are sent to Kafka before waiting for their acks
 * @param importErrorsKept how many per-line errors an import report lists (all are counted)
 */
@ConfigurationProperties("cdp.ingest")
public record IngestProperties(
    @DefaultValue("5s") Duration ackTimeout,
    @DefaultValue("5s") Duration retryAfter,
    @DefaultValue("32KB") DataSize maxEventSize,
    @DefaultValue("500KB") DataSize maxBatchSize,
    @DefaultValue("10000") int maxBatchEvents,
    @DefaultValue("2MB") DataSize maxDocumentSize,
    @DefaultValue("1000") int importChunk,
    @DefaultValue("1000") int importErrorsKept) {}
