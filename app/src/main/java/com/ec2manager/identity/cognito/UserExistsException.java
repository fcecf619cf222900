package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A user with this e-mail address exists already. */
class UserExistsException extends ApplicationException {

    public UserExistsException(String message) {
        super(FailureKind.CONFLICT, "UserExists", message);
    }

    public UserExistsException(String message, Throwable cause) {
        super(FailureKind.CONFLICT, "UserExists", message, cause);
    }
}
