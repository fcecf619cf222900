package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** No such user in the pool. */
public class UserNotFoundException extends ApplicationException {

    public UserNotFoundException(String message) {
        super(HttpStatus.NOT_FOUND, "UserNotFound", message);
    }

    public UserNotFoundException(String message, Throwable cause) {
        super(HttpStatus.NOT_FOUND, "UserNotFound", message, cause);
    }
}
