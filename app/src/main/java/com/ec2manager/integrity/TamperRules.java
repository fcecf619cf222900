package com.ec2manager.integrity;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.ec2manager.stream.AuditChange;

/**
 * What the audit trail allows after a record is written: one completion of a PENDING record
 * (its outcome set, and the result's attributes added) and DynamoDB's own TTL deletion. Any
 * other MODIFY or REMOVE is tampering.
 */
final class TamperRules {

    static final String OUTCOME = "outcome";
    static final String PENDING = "PENDING";
    /** What a completion may add besides the outcome (AuditTrail.complete). */
    static final Set<String> COMPLETION_ATTRIBUTES = Set.of("completedAt", "newState", "awsRequestId", "errorCode",
            "errorMessage", "inference");

    private TamperRules() {
    }

    /** The tampering {@code change} is, or empty when it is allowed. */
    static Optional<Tamper> judge(AuditChange change) {
        return switch (change.kind()) {
            case INSERT -> Optional.empty();
            case REMOVE -> change.ttlDeletion() ? Optional.empty()
                    : Optional.of(new Tamper(Tamper.Kind.DELETED, change.itemKey(), change.sequenceNumber(),
                    "deleted from the table, not by TTL"));
            case MODIFY -> isCompletion(change.oldImage(), change.newImage()) ? Optional.empty()
                    : Optional.of(new Tamper(Tamper.Kind.EDITED, change.itemKey(), change.sequenceNumber(),
                    "edited in the table: " + changedAttributes(change.oldImage(), change.newImage())));
        };
    }

    static boolean isCompletion(Map<String, Object> before, Map<String, Object> after) {
        if (before == null || after == null) {
            return false;
        }
        if (!PENDING.equals(AuditChange.string(before, OUTCOME)) || AuditChange.string(after, OUTCOME) == null
                || PENDING.equals(AuditChange.string(after, OUTCOME))) {
            return false;
        }
        for (var attribute : before.entrySet()) {
            if (!attribute.getKey().equals(OUTCOME) && !attribute.getValue().equals(after.get(attribute.getKey()))) {
                return false;
            }
        }
        for (String name : after.keySet()) {
            if (!before.containsKey(name) && !COMPLETION_ATTRIBUTES.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> changedAttributes(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new HashSet<>();
        if (before != null) {
            names.addAll(before.keySet());
        }
        if (after != null) {
            names.addAll(after.keySet());
        }
        names.removeIf(name -> before != null && after != null
                && java.util.Objects.equals(before.get(name), after.get(name)));
        return new java.util.TreeSet<>(names);
    }
}
