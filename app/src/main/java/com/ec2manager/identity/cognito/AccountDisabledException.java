package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** The account is disabled by an administrator. */
public class AccountDisabledException extends ApplicationException {

    public AccountDisabledException(String message) {
        super(FailureKind.UNAUTHENTICATED, "AccountDisabled", message);
    }

    public AccountDisabledException(String message, Throwable cause) {
        super(FailureKind.UNAUTHENTICATED, "AccountDisabled", message, cause);
    }
}
