package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** Cognito throttles the caller or locked the account after repeated failures. */
public class TooManyAttemptsException extends ApplicationException {

    public TooManyAttemptsException(String message) {
        super(FailureKind.TOO_MANY_ATTEMPTS, "TooManyAttempts", message);
    }

    public TooManyAttemptsException(String message, Throwable cause) {
        super(FailureKind.TOO_MANY_ATTEMPTS, "TooManyAttempts", message, cause);
    }
}
