package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** The account is disabled by an administrator. */
public class AccountDisabledException extends ApplicationException {

    public AccountDisabledException(String message) {
        super(HttpStatus.UNAUTHORIZED, "AccountDisabled", message);
    }

    public AccountDisabledException(String message, Throwable cause) {
        super(HttpStatus.UNAUTHORIZED, "AccountDisabled", message, cause);
    }
}
