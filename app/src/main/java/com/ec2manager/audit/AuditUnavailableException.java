package com.ec2manager.audit;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

public class AuditUnavailableException extends ApplicationException {

    public AuditUnavailableException(String message) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "AuditUnavailable", message);
    }

    public AuditUnavailableException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "AuditUnavailable", message, cause);
    }
}
