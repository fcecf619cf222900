package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** The e-mail address or password is wrong, or the person is unknown (never told apart). */
public class IncorrectCredentialsException extends ApplicationException {

    public IncorrectCredentialsException(String message) {
        super(FailureKind.UNAUTHENTICATED, "IncorrectCredentials", message);
    }

    public IncorrectCredentialsException(String message, Throwable cause) {
        super(FailureKind.UNAUTHENTICATED, "IncorrectCredentials", message, cause);
    }
}
