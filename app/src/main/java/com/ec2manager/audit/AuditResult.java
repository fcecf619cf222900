package com.ec2manager.audit;

/**
 * The final result of an audited action.
 *
 * @param outcome      SUCCEEDED, FAILED or DENIED (never PENDING)
 * @param newState     the resource's state afterwards, e.g. {@code stopping}; may be null
 * @param awsRequestId the AWS request id of the call, if one was made
 * @param errorCode    the failure's code, e.g. {@code IncorrectInstanceState}
 * @param errorMessage the failure's message
 * @param inference    for {@link AuditOutcome#INFERRED}: what was concluded and from what; otherwise null
 */
public record AuditResult(AuditOutcome outcome, String newState, String awsRequestId, String errorCode,
                          String errorMessage, String inference) {

    public AuditResult {
        if (outcome == null || outcome == AuditOutcome.PENDING) {
            throw new IllegalArgumentException("a result needs a final outcome, not " + outcome);
        }
        newState = AuditBounds.bound(newState, AuditBounds.NAME);
        awsRequestId = AuditBounds.bound(awsRequestId, AuditBounds.NAME);
        errorCode = AuditBounds.bound(errorCode, AuditBounds.NAME);
        errorMessage = AuditBounds.bound(errorMessage, AuditBounds.ATTRIBUTE);
        inference = AuditBounds.bound(inference, AuditBounds.ATTRIBUTE);
    }

    /**
     * Checked before the result is written (the factories below always pass): an inferred result,
     * and only that, says what was inferred. Not checked when a stored item is read back, so that a
     * record changed behind the application's back can still be shown — and alarmed on.
     */
    AuditResult requireConsistent() {
        if ((outcome == AuditOutcome.INFERRED) != (inference != null)) {
            throw new IllegalArgumentException("an inferred result, and only that, says what was inferred");
        }
        return this;
    }

    public static AuditResult succeeded(String newState, String awsRequestId) {
        return new AuditResult(AuditOutcome.SUCCEEDED, newState, awsRequestId, null, null, null);
    }

    public static AuditResult failed(String errorCode, String errorMessage, String awsRequestId) {
        return new AuditResult(AuditOutcome.FAILED, null, awsRequestId, errorCode, errorMessage, null);
    }

    public static AuditResult denied(String reason) {
        return new AuditResult(AuditOutcome.DENIED, null, null, "AccessDenied", reason, null);
    }

    /**
     * What the reconciler concluded from the resource's state, which the service never confirmed.
     *
     * @param conclusion    what the action most likely did
     * @param observedState the resource's state when looked at (the record's {@code newState}); may be null
     * @param basis         what was seen, in words, e.g. "the instance was stopped"
     */
    public static AuditResult inferred(Conclusion conclusion, String observedState, String basis) {
        return new AuditResult(AuditOutcome.INFERRED, observedState, null, null, null,
                conclusion.name() + ": " + basis);
    }

    /** What an inferred result concludes. */
    public enum Conclusion {
        /** the state is what the action leads to */
        PROBABLY_PERFORMED,
        /** the state is not what the action leads to */
        PROBABLY_NOT_PERFORMED,
        /** the state cannot tell (a reboot, a resource that is gone) */
        UNDETERMINED
    }

    /** The record of a request whose caller was told nothing was done: nothing was called, and it says so. */
    public static AuditResult notPerformed(String why) {
        return failed(NOT_PERFORMED, why, null);
    }

    /** The code of {@link #notPerformed}. */
    public static final String NOT_PERFORMED = "NotPerformed";
}
