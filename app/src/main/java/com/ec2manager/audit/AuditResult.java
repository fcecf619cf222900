package com.ec2manager.audit;

/**
 * The final result of an audited action.
 *
 * @param outcome      SUCCEEDED, FAILED or DENIED (never PENDING)
 * @param newState     the resource's state afterwards, e.g. {@code stopping}; may be null
 * @param awsRequestId the AWS request id of the call, if one was made
 * @param errorCode    the failure's code, e.g. {@code IncorrectInstanceState}
 * @param errorMessage the failure's message
 */
public record AuditResult(AuditOutcome outcome, String newState, String awsRequestId, String errorCode,
                          String errorMessage) {

    public AuditResult {
        if (outcome == null || outcome == AuditOutcome.PENDING) {
            throw new IllegalArgumentException("a result needs a final outcome, not " + outcome);
        }
        newState = AuditBounds.bound(newState, AuditBounds.NAME);
        awsRequestId = AuditBounds.bound(awsRequestId, AuditBounds.NAME);
        errorCode = AuditBounds.bound(errorCode, AuditBounds.NAME);
        errorMessage = AuditBounds.bound(errorMessage, AuditBounds.ATTRIBUTE);
    }

    public static AuditResult succeeded(String newState, String awsRequestId) {
        return new AuditResult(AuditOutcome.SUCCEEDED, newState, awsRequestId, null, null);
    }

    public static AuditResult failed(String errorCode, String errorMessage, String awsRequestId) {
        return new AuditResult(AuditOutcome.FAILED, null, awsRequestId, errorCode, errorMessage);
    }

    public static AuditResult denied(String reason) {
        return new AuditResult(AuditOutcome.DENIED, null, null, "AccessDenied", reason);
    }
}
