package com.ec2manager.instances;

import com.ec2manager.failure.FailureKind;

/** EC2 answered that it cannot serve the request now (throttling, an internal error). */
class Ec2UnavailableException extends Ec2CallException {

    Ec2UnavailableException(String code, String message, String awsRequestId, Throwable cause) {
        super(FailureKind.UNAVAILABLE, code, message, awsRequestId, cause);
    }

    Ec2UnavailableException(String message) {
        this("Ec2Unavailable", message, null, null);
    }

}
