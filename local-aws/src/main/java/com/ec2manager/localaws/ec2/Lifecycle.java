package com.ec2manager.localaws.ec2;

import java.time.Duration;
import java.time.Instant;

/**
 * Where an instance is in its life: its state since a moment, and the state it settles into
 * at a later moment when it is in a transition (pending, stopping, shutting-down). States are
 * settled lazily from the clock on every read, so a frozen or advancing test clock drives the
 * state machine without sleeping or a scheduler.
 *
 * @param state              the state entered at {@code since}
 * @param since              when that state was entered
 * @param next               the state the transition ends in, or null when settled
 * @param nextAt             when the transition ends, or null when settled
 * @param reason             EC2's {@code reason} text (state transition reason), empty when none
 * @param stateReasonCode    EC2's {@code stateReason.code}, or null when none
 * @param stateReasonMessage EC2's {@code stateReason.message}, or null when none
 */
record Lifecycle(InstanceState state, Instant since, InstanceState next, Instant nextAt,
                 String reason, String stateReasonCode, String stateReasonMessage) {

    Lifecycle {
        if ((next == null) != (nextAt == null)) {
            throw new IllegalArgumentException("a transition needs both its end state and its end time");
        }
        reason = reason == null ? "" : reason;
    }

    static Lifecycle settledIn(InstanceState state, Instant since) {
        return new Lifecycle(state, since, null, null, "", null, null);
    }

    /** This lifecycle as it is at {@code now}: a transition that has ended is completed. */
    Lifecycle at(Instant now) {
        if (next == null || now.isBefore(nextAt)) {
            return this;
        }
        if (next == InstanceState.RUNNING) {
            return settledIn(InstanceState.RUNNING, nextAt);
        }
        return new Lifecycle(next, nextAt, null, null, reason, stateReasonCode, stateReasonMessage);
    }

    /** Whether a terminated instance has been gone long enough to vanish from every answer. */
    boolean vanishedAt(Instant now, Duration terminatedRetention) {
        Lifecycle settled = at(now);
        return settled.state == InstanceState.TERMINATED
                && !now.isBefore(settled.since.plus(terminatedRetention));
    }
}
