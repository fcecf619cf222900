package com.ec2manager.action;

/**
 * The answer of an action that was held back rather than done: not a failure, so not an
 * {@code ApplicationException}; the approvals feature answers it (202 for the API, the request's
 * page for people).
 */
public final class ActionHeldException extends RuntimeException {

    private final transient HeldAction held;

    public ActionHeldException(HeldAction held) {
        super("held for approval: " + held.id(), null, false, false);
        this.held = held;
    }

    public HeldAction held() {
        return held;
    }
}
