package com.ec2manager.audit;

/** How an audited action ended; {@link #PENDING} until the action's result is known. */
public enum AuditOutcome {
    PENDING,
    SUCCEEDED,
    FAILED,
    DENIED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
