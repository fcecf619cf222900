package com.ec2manager.action;

import com.ec2manager.failure.FailureKind;

/**
 * What a service said to an action's call, typed so that the kernel completes the audit record
 * from it without knowing the service.
 *
 * @param <R> the call's result
 */
public sealed interface CallOutcome<R> {

    /**
     * The service did it.
     *
     * @param result           what the feature answers with
     * @param newState         the resource's state afterwards, as the service reported it; may be null
     * @param serviceRequestId the service's request id; may be null
     */
    record Done<R>(R result, String newState, String serviceRequestId) implements CallOutcome<R> {
    }

    /**
     * The service answered and refused: nothing was done.
     *
     * @param kind             the failure's kind
     * @param code             the service's own error code, e.g. {@code IncorrectInstanceState}
     * @param message          what it said
     * @param serviceRequestId the service's request id; may be null
     */
    record Refused<R>(FailureKind kind, String code, String message, String serviceRequestId)
            implements CallOutcome<R> {
    }

    /**
     * The service did not answer (a timeout, a broken connection, a failure of our own after the
     * request left): it may or may not have acted.
     *
     * @param code    what went wrong, e.g. {@code Ec2Unreachable}
     * @param message for people
     */
    record Unknown<R>(String code, String message) implements CallOutcome<R> {
    }

}
