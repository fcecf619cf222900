package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** The tokens of this session were revoked (signed out elsewhere, disabled); sign in again. */
public class SessionRevokedException extends ApplicationException {

    public SessionRevokedException(String message) {
        super(HttpStatus.UNAUTHORIZED, "SessionRevoked", message);
    }

    public SessionRevokedException(String message, Throwable cause) {
        super(HttpStatus.UNAUTHORIZED, "SessionRevoked", message, cause);
    }
}
