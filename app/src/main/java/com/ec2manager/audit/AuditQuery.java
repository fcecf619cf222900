package com.ec2manager.audit;

import java.time.Instant;
import java.util.Set;

/**
 * A search of the audit trail. The first of {@code userId}, {@code action}, {@code resourceId}
 * that is set chooses where to read (the table, ActionIndex, ResourceIndex); the others become
 * filters. With none set, every action's partition of ActionIndex is read and merged by time.
 *
 * @param from     inclusive lower bound of the event time; null = no bound
 * @param to       exclusive upper bound of the event time; null = no bound
 * @param limit    the page size, 1..1000; 0 means the default of 50
 * @param cursor   the {@link AuditPage#nextCursor()} of the previous page, or null for the first
 * @param outcomes only records with one of these outcomes (a filter DynamoDB applies); empty = all
 */
public record AuditQuery(String userId, AuditAction action, String resourceId, Instant from, Instant to,
                         int limit, String cursor, Set<AuditOutcome> outcomes) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
    }

    public AuditQuery(String userId, AuditAction action, String resourceId, Instant from, Instant to, int limit,
                      String cursor) {
        this(userId, action, resourceId, from, to, limit, cursor, Set.of());
    }

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
        return new AuditQuery(userId, action, resourceId, from, to, limit, cursor, outcomes);
    }

    public AuditQuery withLimit(int limit) {
        return new AuditQuery(userId, action, resourceId, from, to, limit, cursor, outcomes);
    }

    public AuditQuery withCursor(String cursor) {
        return new AuditQuery(userId, action, resourceId, from, to, limit, cursor, outcomes);
    }

    /** Only the records that ended in one of these outcomes. */
    public AuditQuery withOutcomes(Set<AuditOutcome> outcomes) {
        return new AuditQuery(userId, action, resourceId, from, to, limit, cursor, outcomes);
    }

    /** The page size asked for, with the default applied. */
    public int pageSize() {
        return limit == 0 ? DEFAULT_LIMIT : limit;
    }
}
