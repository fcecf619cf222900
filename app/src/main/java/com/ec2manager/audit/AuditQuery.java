package com.ec2manager.audit;

import java.time.Instant;

/**
 * A search of the audit trail. The first of {@code userId}, {@code action}, {@code resourceId}
 * that is set chooses where to read (the table, ActionIndex, ResourceIndex); the others become
 * filters. With none set, every action's partition of ActionIndex is read and merged by time.
 *
 * @param from   inclusive lower bound of the event time; null = no bound
 * @param to     exclusive upper bound of the event time; null = no bound
 * @param limit  the page size, 1..1000; 0 means the default of 50
 * @param cursor the {@link AuditPage#nextCursor()} of the previous page, or null for the first
 */
public record AuditQuery(String userId, AuditAction action, String resourceId, Instant from, Instant to,
                         int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public static AuditQuery byUser(String userId) {
        return new AuditQuery(userId, null, null, null, null, 0, null);
    }

    public static AuditQuery byAction(AuditAction action) {
        return new AuditQuery(null, action, null, null, null, 0, null);
    }

    public static AuditQuery byResource(String resourceId) {
        return new AuditQuery(null, null, resourceId, null, null, 0, null);
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, 0, null);
    }

    public AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(userId, action, resourceId, from, to, limit, cursor);
    }

    public AuditQuery withLimit(int limit) {
        return new AuditQuery(userId, action, resourceId, from, to, limit, cursor);
    }

    public AuditQuery withCursor(String cursor) {
        return new AuditQuery(userId, action, resourceId, from, to, limit, cursor);
    }

    /** The page size asked for, with the default applied. */
    public int pageSize() {
        return limit == 0 ? DEFAULT_LIMIT : limit;
    }
}
