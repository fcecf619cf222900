package com.ec2manager.identity.users;

import java.util.Optional;

import com.ec2manager.action.HeldAction;
import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;

/**
 * What an admin's user-administration action must pass before Cognito is called: a feature that
 * may hold it back (approvals) implements this, as it does for instance actions.
 */
public interface UserActionGate {

    /**
     * Holds the action back, or lets it through.
     *
     * @param target the user the action names and what it would set, as looked up now
     * @return empty to go ahead; otherwise what the action now waits for
     */
    Optional<HeldAction> hold(Operator operator, Caller origin, UserAction action, UserActionTarget target);
}
