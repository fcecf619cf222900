package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** The password must be reset first: an expired temporary password or an administrator's reset. */
class PasswordResetRequiredException extends ApplicationException {

    public PasswordResetRequiredException(String message) {
        super(FailureKind.UNAUTHENTICATED, "PasswordResetRequired", message);
    }

    public PasswordResetRequiredException(String message, Throwable cause) {
        super(FailureKind.UNAUTHENTICATED, "PasswordResetRequired", message, cause);
    }
}
