package com.ec2manager.audit;

/** The audit table is missing, unreachable or not as the seed says: the application must not start. */
class AuditTableException extends IllegalStateException {

    public AuditTableException(String message) {
        super(message);
    }

    public AuditTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
