package com.ec2manager.audit;

import java.time.Instant;
import java.util.Map;

/**
 * An audit record as the JSON API and the JSON Lines export show it: flat, every field of the
 * item, {@code details} as the stored map.
 */
public record AuditEntry(String userId, String timestamp, String eventId, Instant eventTime, String action,
                         String resourceType, String resourceId, String userEmail, Map<String, String> details,
                         String ipAddress, String userAgent, String requestId, String outcome, String newState,
                         String awsRequestId, String errorCode, String errorMessage, Instant completedAt, long ttl,
                         String inference, String clientRequestId) {

    public static AuditEntry of(AuditRecord record) {
        return new AuditEntry(record.userId(), record.timestamp(), record.eventId(), record.eventTime(),
                name(record.action()), name(record.resourceType()), record.resourceId(), record.userEmail(),
                record.details() == null ? Map.of() : record.details().asMap(), record.ipAddress(),
                record.userAgent(), record.requestId(), name(record.outcome()), record.newState(),
                record.awsRequestId(), record.errorCode(), record.errorMessage(), record.completedAt(), record.ttl(),
                record.inference(), record.clientRequestId());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
