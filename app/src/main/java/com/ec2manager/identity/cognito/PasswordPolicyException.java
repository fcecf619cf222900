package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A new password that the pool's policy refuses. */
public class PasswordPolicyException extends ApplicationException {

    public PasswordPolicyException(String message) {
        super(FailureKind.INVALID_INPUT, "InvalidPassword", message);
    }

    public PasswordPolicyException(String message, Throwable cause) {
        super(FailureKind.INVALID_INPUT, "InvalidPassword", message, cause);
    }
}
