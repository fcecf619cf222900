package com.ec2manager.audit;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** There is no audit record with the given key: 404. */
public class AuditRecordNotFoundException extends ApplicationException {

    public AuditRecordNotFoundException(String message) {
        super(HttpStatus.NOT_FOUND, "AuditRecordNotFound", message);
    }

    public AuditRecordNotFoundException(String message, Throwable cause) {
        super(HttpStatus.NOT_FOUND, "AuditRecordNotFound", message, cause);
    }
}
