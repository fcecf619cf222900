package com.ec2manager.instances;

import org.springframework.http.HttpStatus;

/** The instance's stop or termination protection forbids the action (EC2: {@code OperationNotPermitted}). */
public class InstanceProtectedException extends Ec2CallException {

    public InstanceProtectedException(String code, String message, String awsRequestId, Throwable cause) {
        super(HttpStatus.CONFLICT, code, message, awsRequestId, cause);
    }

    public InstanceProtectedException(String message) {
        this("OperationNotPermitted", message, null, null);
    }

    @Override
    public String title() {
        return "Instance protected";
    }
}
