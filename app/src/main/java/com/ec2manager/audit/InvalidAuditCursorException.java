package com.ec2manager.audit;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A paging cursor that was altered, is malformed, or belongs to another query: 400. */
class InvalidAuditCursorException extends ApplicationException {

    public InvalidAuditCursorException(String message) {
        super(FailureKind.INVALID_INPUT, "InvalidAuditCursor", message);
    }

    public InvalidAuditCursorException(String message, Throwable cause) {
        super(FailureKind.INVALID_INPUT, "InvalidAuditCursor", message, cause);
    }
}
