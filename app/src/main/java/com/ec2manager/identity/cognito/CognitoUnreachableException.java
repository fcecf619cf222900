package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/**
 * Cognito did not answer (a timeout, a refused or broken connection). For an administration
 * action this means Cognito may have acted: the audit record stays PENDING until the reconciler
 * judges it from the user's state.
 */
class CognitoUnreachableException extends ApplicationException {

    public CognitoUnreachableException(String message, Throwable cause) {
        super(FailureKind.OUTCOME_UNKNOWN, "CognitoUnreachable", message, cause);
    }
}
