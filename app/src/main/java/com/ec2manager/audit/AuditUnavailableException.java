package com.ec2manager.audit;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** The audit table cannot be written or read (DynamoDB down, throttled, refused): 503, and the action is not taken. */
public class AuditUnavailableException extends ApplicationException {

    public AuditUnavailableException(String message) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "AuditUnavailable", message);
    }

    public AuditUnavailableException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "AuditUnavailable", message, cause);
    }
}
