package com.ec2manager.audit;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where records live on after the table's retention (the archive in S3): their last image, for
 * the audit log and the export of a time range that reaches further back than the table.
 */
public interface AuditArchive {

    /**
     * The last archived image of every record whose sort key lies in the range, newest first (by
     * sort key, then user id); read lazily, so that a long range is never held in memory. Close the stream.
     */
    Stream<Map<String, AttributeValue>> items(Instant from, Instant to);
}
