package com.ec2manager.instances;

import java.util.List;
import java.util.Optional;

import com.ec2manager.action.HeldAction;
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
}
