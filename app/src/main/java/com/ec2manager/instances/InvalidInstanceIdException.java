package com.ec2manager.instances;

import org.springframework.http.HttpStatus;

/** The instance id is not an EC2 instance id (EC2: {@code InvalidInstanceID.Malformed}). */
public class InvalidInstanceIdException extends Ec2CallException {

    public InvalidInstanceIdException(String code, String message, String awsRequestId, Throwable cause) {
        super(HttpStatus.BAD_REQUEST, code, message, awsRequestId, cause);
    }

    public InvalidInstanceIdException(String message) {
        this("InvalidInstanceID.Malformed", message, null, null);
    }

    @Override
    public String title() {
        return "Malformed instance id";
    }
}
