package com.ec2manager.identity;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** Input that Cognito or the application refuses (bad attribute, bad paging token, bad e-mail). */
public class InvalidUserInputException extends ApplicationException {

    public InvalidUserInputException(String message) {
        super(HttpStatus.BAD_REQUEST, "InvalidInput", message);
    }

    public InvalidUserInputException(String message, Throwable cause) {
        super(HttpStatus.BAD_REQUEST, "InvalidInput", message, cause);
    }
}
