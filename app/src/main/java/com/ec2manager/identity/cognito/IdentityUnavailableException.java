package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** Cognito could not be reached or failed; nothing was changed by the application. */
public class IdentityUnavailableException extends ApplicationException {

    public IdentityUnavailableException(String message) {
        super(FailureKind.UNAVAILABLE, "IdentityUnavailable", message);
    }

    public IdentityUnavailableException(String message, Throwable cause) {
        super(FailureKind.UNAVAILABLE, "IdentityUnavailable", message, cause);
    }
}
