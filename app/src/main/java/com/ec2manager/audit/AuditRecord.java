package com.ec2manager.audit;

import java.time.Instant;

/**
 * One item of the audit table, as the application sees it: what was intended, by whom, and — once
 * settled — its result. The item's attributes stay flat as the seed's schema fixes them
 * ({@code AuditItems}); the accessors below read them through the parts.
 *
 * @param key         the table's key: the acting person's id and the sort key
 * @param eventId     the write's own id (tells our own retried write from another's)
 * @param eventTime   the instant the sort key stands for (nanosecond precision, see {@link AuditTimestamps})
 * @param intent      who acted, from where, on what, in which request
 * @param result      the final result; null while the outcome is PENDING
 * @param completedAt when the final result was written; null while PENDING
 * @param ttl         the DynamoDB TTL: epoch seconds of {@code eventTime} plus the retention
 */
public record AuditRecord(AuditKey key, String eventId, Instant eventTime, AuditIntent intent, AuditResult result,
                          Instant completedAt, long ttl) {

    /** The record of an action about to be taken: PENDING, its time the one its sort key stands for. */
    public static AuditRecord pending(AuditKey key, String eventId, AuditIntent intent, long ttl) {
        return new AuditRecord(key, eventId, AuditTimestamps.parse(key.timestamp()), intent, null, null, ttl);
    }

    /** This record settled with its final result at {@code at}. */
    public AuditRecord settled(AuditResult finalResult, Instant at) {
        return new AuditRecord(key, eventId, eventTime, intent, finalResult, at, ttl);
    }

    public String userId() {
        return key.userId();
    }

    public String timestamp() {
        return key.timestamp();
    }

    public AuditAction action() {
        return intent.action();
    }

    public ResourceType resourceType() {
        return intent.resourceType();
    }

    public String resourceId() {
        return intent.resourceId();
    }

    public String userEmail() {
        return intent.actor().email();
    }

    /** The seed's details; {@link AuditDetails#NONE} when there are none. */
    public AuditDetails details() {
        return intent.details() == null ? AuditDetails.NONE : intent.details();
    }

    public String ipAddress() {
        return intent.actor().ipAddress();
    }

    public String userAgent() {
        return intent.actor().userAgent();
    }

    /** The id the server gave the request. */
    public String requestId() {
        return intent.requestId();
    }

    /** The {@code X-Request-Id} the client sent, if any. */
    public String clientRequestId() {
        return intent.clientRequestId();
    }

    public AuditOutcome outcome() {
        return result == null ? AuditOutcome.PENDING : result.outcome();
    }

    public String newState() {
        return result == null ? null : result.newState();
    }

    public String awsRequestId() {
        return result == null ? null : result.awsRequestId();
    }

    public String errorCode() {
        return result == null ? null : result.errorCode();
    }

    public String errorMessage() {
        return result == null ? null : result.errorMessage();
    }

    /** For an {@link AuditOutcome#INFERRED} outcome: what was concluded, from what; otherwise null. */
    public String inference() {
        return result == null ? null : result.inference();
    }
}
