package com.ec2manager.instances;

import java.util.List;
import java.util.Optional;

import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;

/**
 * What an admin's instance action must pass before EC2 is called: a feature that may hold it
 * back (approvals) implements this. The instances package knows nothing more of it.
 */
public interface ActionGate {

    /**
     * Holds the action back, or lets it through.
     *
     * @param instances the located instances the action names (one for a single action)
     * @return empty to go ahead; otherwise what the action now waits for
     */
    Optional<HeldAction> hold(Operator operator, Caller origin, InstanceAction action, List<Instance> instances,
                              ActionRequest body);

    /** Where an instance is: its account and region. */
    record Place(String accountId, String region) {

        public static Place of(Instance instance) {
            return new Place(instance.accountId(), instance.region());
        }
    }

    /**
     * An action held back: it is not done, and is waiting on what {@code id} names.
     *
     * @param id    the approval request's id
     * @param state what it waits in, e.g. {@code PENDING_APPROVAL}
     */
    record HeldAction(String id, String state) {
    }

    /** The answer of an action that was held back rather than done: not a failure, so not an {@code ApplicationException}. */
    final class HeldException extends RuntimeException {

        private final transient HeldAction held;

        public HeldException(HeldAction held) {
            super("held for approval: " + held.id(), null, false, false);
            this.held = held;
        }

        public HeldAction held() {
            return held;
        }
    }
}
