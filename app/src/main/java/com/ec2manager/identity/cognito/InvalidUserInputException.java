package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** Input that Cognito or the application refuses (bad attribute, bad paging token, bad e-mail). */
public class InvalidUserInputException extends ApplicationException {

    public InvalidUserInputException(String message) {
        super(FailureKind.INVALID_INPUT, "InvalidInput", message);
    }

    public InvalidUserInputException(String message, Throwable cause) {
        super(FailureKind.INVALID_INPUT, "InvalidInput", message, cause);
    }
}
