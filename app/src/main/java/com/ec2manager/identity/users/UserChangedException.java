package com.ec2manager.identity.users;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** An approved user action whose user is no longer the one it was asked for: nothing was done. */
class UserChangedException extends ApplicationException {

    private UserChangedException(String message) {
        super(FailureKind.CONFLICT, "UserChanged", message);
    }

    static UserChangedException gone(String who) {
        return new UserChangedException("No user was touched: " + who + " no longer exists.");
    }

    static UserChangedException replaced(String who) {
        return new UserChangedException("No user was touched: " + who + " is no longer the user it was when the "
                + "action was asked for (it was deleted and created again).");
    }
}
