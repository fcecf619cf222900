package com.ec2manager.instances;

import org.springframework.http.HttpStatus;

/** The instance does not exist in any enabled region (EC2: {@code InvalidInstanceID.NotFound}). */
public class InstanceNotFoundException extends Ec2CallException {

    public InstanceNotFoundException(String code, String message, String awsRequestId, Throwable cause) {
        super(HttpStatus.NOT_FOUND, code, message, awsRequestId, cause);
    }

    public InstanceNotFoundException(String message) {
        this("InvalidInstanceID.NotFound", message, null, null);
    }

    @Override
    public String title() {
        return "Instance not found";
    }
}
