package com.ec2manager.audit;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A search of the audit trail with invalid parameters (page size, time range): 400. */
public class InvalidAuditQueryException extends ApplicationException {

    public InvalidAuditQueryException(String message) {
        super(HttpStatus.BAD_REQUEST, "InvalidAuditQuery", message);
    }

    public InvalidAuditQueryException(String message, Throwable cause) {
        super(HttpStatus.BAD_REQUEST, "InvalidAuditQuery", message, cause);
    }
}
