package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** The operator is not an administrator; the attempt is audited as DENIED. */
public class NotAdministratorException extends ApplicationException {

    public NotAdministratorException(String message) {
        super(HttpStatus.FORBIDDEN, "AccessDenied", message);
    }

    public NotAdministratorException(String message, Throwable cause) {
        super(HttpStatus.FORBIDDEN, "AccessDenied", message, cause);
    }
}
