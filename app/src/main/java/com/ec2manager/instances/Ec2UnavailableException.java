package com.ec2manager.instances;

import org.springframework.http.HttpStatus;

/** EC2 answered that it cannot serve the request now (throttling, an internal error). */
public class Ec2UnavailableException extends Ec2CallException {

    public Ec2UnavailableException(String code, String message, String awsRequestId, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, code, message, awsRequestId, cause);
    }

    public Ec2UnavailableException(String message) {
        this("Ec2Unavailable", message, null, null);
    }

    @Override
    public String title() {
        return "EC2 unavailable";
    }
}
