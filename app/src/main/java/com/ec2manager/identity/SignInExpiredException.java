package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A sign-in step (new password, MFA code) came too late or out of order; start again. */
public class SignInExpiredException extends ApplicationException {

    public SignInExpiredException(String message) {
        super(HttpStatus.UNAUTHORIZED, "SignInExpired", message);
    }

    public SignInExpiredException(String message, Throwable cause) {
        super(HttpStatus.UNAUTHORIZED, "SignInExpired", message, cause);
    }
}
