package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** No such user in the pool. */
public class UserNotFoundException extends ApplicationException {

    public UserNotFoundException(String message) {
        super(FailureKind.NOT_FOUND, "UserNotFound", message);
    }

    public UserNotFoundException(String message, Throwable cause) {
        super(FailureKind.NOT_FOUND, "UserNotFound", message, cause);
    }
}
