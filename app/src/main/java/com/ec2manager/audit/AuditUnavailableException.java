package com.ec2manager.audit;

import java.util.Optional;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** The audit table cannot be written or read (DynamoDB down, throttled, refused): 503, and the action is not taken. */
public class AuditUnavailableException extends ApplicationException {

    private final transient AuditRecord attempted;

    public AuditUnavailableException(String message) {
        this(message, null, null);
    }

    public AuditUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    AuditUnavailableException(String message, Throwable cause, AuditRecord attempted) {
        super(FailureKind.UNAVAILABLE, "AuditUnavailable", message, cause);
        this.attempted = attempted;
    }

    /**
     * The record a failed write tried to store: the SDK may have sent it and DynamoDB may still
     * apply it later, so it must be settled as not performed (see {@link AuditTrail#settleNotPerformed}).
     */
    public Optional<AuditRecord> attempted() {
        return Optional.ofNullable(attempted);
    }
}
