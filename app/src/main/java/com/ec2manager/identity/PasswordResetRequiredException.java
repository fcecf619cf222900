package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** The password must be reset first: an expired temporary password or an administrator's reset. */
public class PasswordResetRequiredException extends ApplicationException {

    public PasswordResetRequiredException(String message) {
        super(HttpStatus.UNAUTHORIZED, "PasswordResetRequired", message);
    }

    public PasswordResetRequiredException(String message, Throwable cause) {
        super(HttpStatus.UNAUTHORIZED, "PasswordResetRequired", message, cause);
    }
}
