package com.ec2manager.instances;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import com.ec2manager.action.PendingJudge;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditResult.Conclusion;
import com.ec2manager.audit.ResourceType;

/**
 * Judges instance actions left PENDING from the instance's state now. EC2 never confirmed them,
 * so the result is always inferred: the state an action leads to makes it probably performed
 * (someone else may have done the same meanwhile), another state probably not, and a reboot or a
 * vanished instance leaves it undetermined.
 */
class InstancePendingJudge implements PendingJudge {

    private static final Ec2Caller CALLER = Ec2Caller.system("reconciler");

    private final InstanceControl control;
    private final InstanceListing listing;
    private final Duration callTimeout;

    InstancePendingJudge(InstanceControl control, InstanceListing listing, Duration callTimeout) {
        this.control = control;
        this.listing = listing;
        this.callTimeout = callTimeout;
    }

    @Override
    public boolean owns(AuditRecord record) {
        return record.resourceType() == ResourceType.EC2_INSTANCE && InstanceAction.of(record.action()).isPresent();
    }

    @Override
    public AuditResult judge(AuditRecord record) {
        return settle(InstanceAction.of(record.action()).orElseThrow(), currentState(record));
    }

    @Override
    public Duration callTimeout() {
        return callTimeout;
    }

    /** The instance's state now, or empty if it no longer exists; throws if that cannot be known. */
    private Optional<InstanceState> currentState(AuditRecord record) {
        String id = record.resourceId();
        if (!InstanceIds.isWellFormed(id)) {
            return Optional.empty();
        }
        String region = record.details() == null ? null : record.details().region();
        String accountId = record.details() == null ? null : record.details().accountId();
        if (accountId != null && region != null) {
            // right after a start the inventory has not met the account-region yet: that says nothing of the
            // instance, so the record stays in flight for a later pass instead of being judged "gone"
            AccountRegion where = listing.where(accountId, region).orElseThrow(() -> new IllegalStateException(
                    "the inventory has not read " + accountId + "/" + region + " yet"));
            return control.describeInstance(where, id, CALLER).map(Instance::state);
        }
        // a record without its account (written before accounts were recorded): where the inventory has the id
        try {
            Instance instance = listing.find(id, CALLER);
            return control.describeInstance(listing.where(instance), id, CALLER).map(Instance::state);
        } catch (InstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** What the instance's state now says about an action EC2 never confirmed. */
    static AuditResult settle(InstanceAction action, Optional<InstanceState> now) {
        if (now.isEmpty()) {
            return AuditResult.inferred(Conclusion.UNDETERMINED, null, "the instance no longer exists, so its state "
                    + "cannot tell whether the " + action.value() + " took effect");
        }
        InstanceState state = now.get();
        Set<InstanceState> reached = switch (action) {
            case START -> Set.of(InstanceState.PENDING, InstanceState.RUNNING);
            case STOP -> Set.of(InstanceState.STOPPING, InstanceState.STOPPED);
            case TERMINATE -> Set.of(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
            // A reboot leaves no trace in the state.
            case REBOOT -> Set.of();
        };
        if (action == InstanceAction.REBOOT) {
            return AuditResult.inferred(Conclusion.UNDETERMINED, state.value(), "a reboot leaves no trace in the "
                    + "instance's state; the instance was " + state.value());
        }
        if (reached.contains(state)) {
            return AuditResult.inferred(Conclusion.PROBABLY_PERFORMED, state.value(), "the instance was "
                    + state.value() + ", where a " + action.value() + " leads (or someone else took it there)");
        }
        return AuditResult.inferred(Conclusion.PROBABLY_NOT_PERFORMED, state.value(), "the instance was "
                + state.value() + ", not a state a " + action.value() + " leads to");
    }
}
