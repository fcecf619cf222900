package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** Cognito throttles the caller or locked the account after repeated failures. */
public class TooManyAttemptsException extends ApplicationException {

    public TooManyAttemptsException(String message) {
        super(HttpStatus.TOO_MANY_REQUESTS, "TooManyAttempts", message);
    }

    public TooManyAttemptsException(String message, Throwable cause) {
        super(HttpStatus.TOO_MANY_REQUESTS, "TooManyAttempts", message, cause);
    }
}
