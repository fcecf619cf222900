package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A user with this e-mail address exists already. */
public class UserExistsException extends ApplicationException {

    public UserExistsException(String message) {
        super(HttpStatus.CONFLICT, "UserExists", message);
    }

    public UserExistsException(String message, Throwable cause) {
        super(HttpStatus.CONFLICT, "UserExists", message, cause);
    }
}
