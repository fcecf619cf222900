package com.ec2manager.audit;

/**
 * How an audited action ended; {@link #PENDING} until the action's result is known. SUCCEEDED and
 * FAILED are what the service (or the application, before any call) said; {@link #INFERRED} is what
 * the reconciler concluded from the resource's state when the service never confirmed anything.
 */
public enum AuditOutcome {
    PENDING,
    SUCCEEDED,
    FAILED,
    DENIED,
    /** Settled from the resource's state, not confirmed by the service: the record's {@code inference} says what was concluded, from what, and {@code completedAt} when. */
    INFERRED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
