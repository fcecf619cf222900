package com.ec2manager.idempotency;

import java.time.Instant;
import java.util.List;

/**
 * What the audit trail recorded for one request: how an idempotent retry learns whether the
 * request it repeats acted, and how it ended; read from the audit trail ({@link AuditActionRecords}).
 */
interface ActionRecords {

    /** The records of the request with this id by this person, written since {@code since}; empty when it did nothing. */
    List<Recorded> of(String userId, String requestId, Instant since);

    /**
     * One record as a replay shows it.
     *
     * @param outcome PENDING while not settled; SUCCEEDED, FAILED, DENIED or INFERRED once settled
     */
    record Recorded(String action, String resourceId, String outcome, String newState, String errorCode,
                    String inference, Instant completedAt) {

        public boolean settled() {
            return !"PENDING".equals(outcome);
        }
    }
}
