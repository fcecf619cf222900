package com.ec2manager.audit;

import java.time.Instant;

/**
 * One item of the audit table, as the application sees it.
 *
 * @param eventTime   the instant the sort key stands for (nanosecond precision, see {@link AuditTimestamps})
 * @param completedAt when the final outcome was written; null while PENDING
 * @param ttl         the DynamoDB TTL: epoch seconds of {@code eventTime} plus the retention
 * @param inference   for an {@link AuditOutcome#INFERRED} outcome: what was concluded, from what; otherwise null
 * @param requestId   the id the server gave the request
 * @param clientRequestId the {@code X-Request-Id} the client sent, if any
 */
public record AuditRecord(AuditKey key, String eventId, Instant eventTime, AuditAction action,
                          ResourceType resourceType, String resourceId, String userEmail, AuditDetails details,
                          String ipAddress, String userAgent, String requestId, AuditOutcome outcome,
                          String newState, String awsRequestId, String errorCode, String errorMessage,
                          Instant completedAt, long ttl, String inference, String clientRequestId) {

    public AuditRecord(AuditKey key, String eventId, Instant eventTime, AuditAction action,
                       ResourceType resourceType, String resourceId, String userEmail, AuditDetails details,
                       String ipAddress, String userAgent, String requestId, AuditOutcome outcome,
                       String newState, String awsRequestId, String errorCode, String errorMessage,
                       Instant completedAt, long ttl, String inference) {
        this(key, eventId, eventTime, action, resourceType, resourceId, userEmail, details, ipAddress, userAgent,
                requestId, outcome, newState, awsRequestId, errorCode, errorMessage, completedAt, ttl, inference, null);
    }

    public String userId() {
        return key.userId();
    }

    public String timestamp() {
        return key.timestamp();
    }
}
