package com.ec2manager.instances;

import com.ec2manager.failure.FailureKind;

/**
 * EC2 did not answer (a timeout, a refused or broken connection). For an action this means
 * the outcome is unknown: the audit record stays PENDING until the reconciler settles it from
 * the instance's real state.
 */
class Ec2UnreachableException extends Ec2CallException {

    Ec2UnreachableException(String message, Throwable cause) {
        super(FailureKind.UNAVAILABLE, "Ec2Unreachable", message, null, cause);
    }

    @Override
    public boolean outcomeUnknown() {
        return true;
    }

}
