package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** The tokens of this session were revoked (signed out elsewhere, disabled); sign in again. */
public class SessionRevokedException extends ApplicationException {

    public SessionRevokedException(String message) {
        super(FailureKind.UNAUTHENTICATED, "SessionRevoked", message);
    }

    public SessionRevokedException(String message, Throwable cause) {
        super(FailureKind.UNAUTHENTICATED, "SessionRevoked", message, cause);
    }
}
