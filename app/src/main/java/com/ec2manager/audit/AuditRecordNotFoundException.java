package com.ec2manager.audit;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** There is no audit record with the given key: 404. */
class AuditRecordNotFoundException extends ApplicationException {

    public AuditRecordNotFoundException(String message) {
        super(FailureKind.NOT_FOUND, "AuditRecordNotFound", message);
    }

    public AuditRecordNotFoundException(String message, Throwable cause) {
        super(FailureKind.NOT_FOUND, "AuditRecordNotFound", message, cause);
    }
}
