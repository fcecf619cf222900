package com.ec2manager.audit;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A record's final outcome was already written; it is written at most once: 409. */
public class AuditAlreadyCompletedException extends ApplicationException {

    public AuditAlreadyCompletedException(String message) {
        super(FailureKind.CONFLICT, "AuditAlreadyCompleted", message);
    }

    public AuditAlreadyCompletedException(String message, Throwable cause) {
        super(FailureKind.CONFLICT, "AuditAlreadyCompleted", message, cause);
    }
}
