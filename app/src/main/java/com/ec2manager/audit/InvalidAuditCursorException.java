package com.ec2manager.audit;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A paging cursor that was altered, is malformed, or belongs to another query: 400. */
public class InvalidAuditCursorException extends ApplicationException {

    public InvalidAuditCursorException(String message) {
        super(HttpStatus.BAD_REQUEST, "InvalidAuditCursor", message);
    }

    public InvalidAuditCursorException(String message, Throwable cause) {
        super(HttpStatus.BAD_REQUEST, "InvalidAuditCursor", message, cause);
    }
}
