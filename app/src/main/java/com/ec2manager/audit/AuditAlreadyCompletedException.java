package com.ec2manager.audit;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A record's final outcome was already written; it is written at most once: 409. */
public class AuditAlreadyCompletedException extends ApplicationException {

    public AuditAlreadyCompletedException(String message) {
        super(HttpStatus.CONFLICT, "AuditAlreadyCompleted", message);
    }

    public AuditAlreadyCompletedException(String message, Throwable cause) {
        super(HttpStatus.CONFLICT, "AuditAlreadyCompleted", message, cause);
    }
}
