package com.ec2manager.instances;

import com.ec2manager.failure.FailureKind;

/**
 * EC2 answered an action with an error that does not show it left the instance alone: an internal
 * error, or a refusal after an earlier attempt of the same call that may have acted. Like a call
 * that got no answer, its outcome is unknown: the audit record stays PENDING for the reconciler.
 */
class Ec2OutcomeUnknownException extends Ec2CallException {

    Ec2OutcomeUnknownException(String code, String message, String awsRequestId, Throwable cause) {
        super(FailureKind.UNAVAILABLE, code, message, awsRequestId, cause);
    }

    @Override
    public boolean outcomeUnknown() {
        return true;
    }
}
