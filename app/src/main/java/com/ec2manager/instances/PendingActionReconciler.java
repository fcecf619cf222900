package com.ec2manager.instances;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.PendingSettlement;
import com.ec2manager.audit.ResourceType;

/**
 * Settles audit records of instance actions left PENDING — the application stopped, or EC2 did
 * not answer, between the intent and the outcome — from the instance's real state. Runs at
 * start-up and then on a timer; only records older than the grace period, so that it never
 * races a request still in flight. Completion is conditional (from PENDING), so two nodes
 * reconciling at once settle each record once.
 */
public class PendingActionReconciler {

    private static final Ec2Caller CALLER = Ec2Caller.system("reconciler");

    static final String UNKNOWN = "Reconciled.Unknown";
    static final String NOT_FOUND = "Reconciled.InstanceNotFound";

    private final AuditTrail audit;
    private final InstanceListing listing;
    private final Inventory inventory;
    private final Ec2Gateway gateway;
    private final InstancesProperties properties;
    private final Clock clock;

    public PendingActionReconciler(AuditTrail audit, InstanceListing listing, Inventory inventory, Ec2Gateway gateway,
                                   InstancesProperties properties, Clock clock) {
        this.audit = audit;
        this.listing = listing;
        this.inventory = inventory;
        this.gateway = gateway;
        this.properties = properties;
        this.clock = clock;
    }

    /** One pass; never throws, so that the timer keeps running. */
    public PendingSettlement.Pass reconcile() {
        return PendingSettlement.run(audit, clock.instant(), properties.reconcilerLookback(),
                properties.reconcilerGrace(), "reconciler", PendingActionReconciler::owns,
                record -> settle(InstanceAction.of(record.action()).orElseThrow(), currentState(record)));
    }

    /** Whether a record is one this reconciler settles: an instance action. */
    static boolean owns(AuditRecord record) {
        return record.resourceType() == ResourceType.EC2_INSTANCE && InstanceAction.of(record.action()).isPresent();
    }

    /** The instance's state now, or empty if it no longer exists; throws if that cannot be known. */
    private Optional<InstanceState> currentState(AuditRecord record) {
        String id = record.resourceId();
        if (!InstanceIds.isWellFormed(id)) {
            return Optional.empty();
        }
        String region = record.details() == null ? null : record.details().region();
        String accountId = record.details() == null ? null : record.details().accountId();
        Optional<AccountRegion> where = accountId == null || region == null ? Optional.empty()
                : inventory.where(accountId, region);
        if (where.isPresent()) {
            return gateway.describeInstance(where.get(), id, CALLER).map(Instance::state);
        }
        // a record written before accounts were recorded: the inventory knows where the id lives
        try {
            Instance instance = listing.find(id, CALLER);
            return gateway.describeInstance(listing.where(instance), id, CALLER).map(Instance::state);
        } catch (InstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The outcome an action must have had, judged from the instance's state now. */
    static AuditResult settle(InstanceAction action, Optional<InstanceState> now) {
        if (now.isEmpty()) {
            return AuditResult.failed(NOT_FOUND, "Settled by the reconciler: the instance no longer exists, "
                    + "so the outcome of the " + action.value() + " is unknown", null);
        }
        InstanceState state = now.get();
        Set<InstanceState> reached = switch (action) {
            case START -> Set.of(InstanceState.PENDING, InstanceState.RUNNING);
            case STOP -> Set.of(InstanceState.STOPPING, InstanceState.STOPPED);
            case TERMINATE -> Set.of(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
            // A reboot leaves no trace in the state.
            case REBOOT -> Set.of();
        };
        if (reached.contains(state)) {
            return AuditResult.succeeded(state.value(), null);
        }
        String message = action == InstanceAction.REBOOT
                ? "Settled by the reconciler: a reboot cannot be confirmed from the state; the instance is now " + state.value()
                : "Settled by the reconciler: the instance is now " + state.value() + ", not a state the "
                        + action.value() + " leads to";
        return AuditResult.failed(UNKNOWN, message, null);
    }
}
