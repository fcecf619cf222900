package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A new password that the pool's policy refuses. */
public class PasswordPolicyException extends ApplicationException {

    public PasswordPolicyException(String message) {
        super(HttpStatus.BAD_REQUEST, "InvalidPassword", message);
    }

    public PasswordPolicyException(String message, Throwable cause) {
        super(HttpStatus.BAD_REQUEST, "InvalidPassword", message, cause);
    }
}
