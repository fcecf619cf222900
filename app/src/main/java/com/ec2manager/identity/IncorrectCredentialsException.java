package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** The e-mail address or password is wrong, or the person is unknown (never told apart). */
public class IncorrectCredentialsException extends ApplicationException {

    public IncorrectCredentialsException(String message) {
        super(HttpStatus.UNAUTHORIZED, "IncorrectCredentials", message);
    }

    public IncorrectCredentialsException(String message, Throwable cause) {
        super(HttpStatus.UNAUTHORIZED, "IncorrectCredentials", message, cause);
    }
}
