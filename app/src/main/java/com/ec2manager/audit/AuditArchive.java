package com.ec2manager.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where records live on after the table's retention (the archive in S3): their last image, for
 * the export of a time range that reaches further back than the table.
 */
public interface AuditArchive {

    /** The last archived image of every record whose sort key lies in the range, newest first. */
    List<Map<String, AttributeValue>> items(Instant from, Instant to);
}
