package com.ec2manager.instances;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** An action request that fails validation (blank or long reason, too many instances, …). */
public class InvalidActionRequestException extends ApplicationException {

    public InvalidActionRequestException(String message) {
        super(HttpStatus.BAD_REQUEST, "InvalidActionRequest", message);
    }

    @Override
    public String title() {
        return "Invalid action request";
    }
}
