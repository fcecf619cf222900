package com.ec2manager.instances;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A listing's filter or sort order that cannot be understood, e.g. an unknown sort key or region. */
public class InvalidInstanceQueryException extends ApplicationException {

    public InvalidInstanceQueryException(String message) {
        super(HttpStatus.BAD_REQUEST, "InvalidQuery", message);
    }

    @Override
    public String title() {
        return "Invalid query";
    }
}
