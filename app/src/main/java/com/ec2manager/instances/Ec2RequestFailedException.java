package com.ec2manager.instances;

import org.springframework.http.HttpStatus;

/** EC2 refused the request for a reason the operator cannot fix (e.g. the application's role lacks a permission); keeps EC2's code. */
public class Ec2RequestFailedException extends Ec2CallException {

    public Ec2RequestFailedException(String code, String message, String awsRequestId, Throwable cause) {
        super(HttpStatus.BAD_GATEWAY, code, message, awsRequestId, cause);
    }

    public Ec2RequestFailedException(String message) {
        this("Ec2RequestFailed", message, null, null);
    }

    @Override
    public String title() {
        return "EC2 refused the request";
    }
}
