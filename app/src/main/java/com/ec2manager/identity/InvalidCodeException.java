package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A verification or MFA code that is wrong, expired or already used. */
public class InvalidCodeException extends ApplicationException {

    public InvalidCodeException(String message) {
        super(HttpStatus.BAD_REQUEST, "InvalidCode", message);
    }

    public InvalidCodeException(String message, Throwable cause) {
        super(HttpStatus.BAD_REQUEST, "InvalidCode", message, cause);
    }
}
