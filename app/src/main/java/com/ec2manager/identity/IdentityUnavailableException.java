package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** Cognito could not be reached or failed; nothing was changed by the application. */
public class IdentityUnavailableException extends ApplicationException {

    public IdentityUnavailableException(String message) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "IdentityUnavailable", message);
    }

    public IdentityUnavailableException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "IdentityUnavailable", message, cause);
    }
}
