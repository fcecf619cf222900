package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A sign-in step (new password, MFA code) came too late or out of order; start again. */
public class SignInExpiredException extends ApplicationException {

    public SignInExpiredException(String message) {
        super(FailureKind.UNAUTHENTICATED, "SignInExpired", message);
    }

    public SignInExpiredException(String message, Throwable cause) {
        super(FailureKind.UNAUTHENTICATED, "SignInExpired", message, cause);
    }
}
