package com.ec2manager.identity.cognito;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/**
 * Cognito refuses an administration action in the user's current state, e.g. a password reset
 * for a user who has not yet replaced the temporary password.
 */
class UserStateConflictException extends ApplicationException {

    public UserStateConflictException(String message, Throwable cause) {
        super(FailureKind.CONFLICT, "UserStateConflict", message, cause);
    }
}
