package com.ec2manager.audit;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A search of the audit trail with invalid parameters (page size, time range): 400. */
class InvalidAuditQueryException extends ApplicationException {

    public InvalidAuditQueryException(String message) {
        super(FailureKind.INVALID_INPUT, "InvalidAuditQuery", message);
    }

    public InvalidAuditQueryException(String message, Throwable cause) {
        super(FailureKind.INVALID_INPUT, "InvalidAuditQuery", message, cause);
    }
}
