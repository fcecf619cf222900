package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A verification or MFA code that is wrong, expired or already used. */
public class InvalidCodeException extends ApplicationException {

    public InvalidCodeException(String message) {
        super(FailureKind.INVALID_INPUT, "InvalidCode", message);
    }

    public InvalidCodeException(String message, Throwable cause) {
        super(FailureKind.INVALID_INPUT, "InvalidCode", message, cause);
    }
}
