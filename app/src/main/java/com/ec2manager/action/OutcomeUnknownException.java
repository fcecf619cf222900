package com.ec2manager.action;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/**
 * The service was asked to act and did not answer: it may have acted. The audit record stays
 * PENDING until the reconciler settles it from the resource's state; repeating the request with
 * the same Idempotency-Key does not act again.
 */
class OutcomeUnknownException extends ApplicationException {

    OutcomeUnknownException(String code, String message) {
        super(FailureKind.OUTCOME_UNKNOWN, code, message);
    }
}
