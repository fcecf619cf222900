package com.ec2manager.instances;

import com.ec2manager.failure.FailureKind;

/** The instance id is not an EC2 instance id (EC2: {@code InvalidInstanceID.Malformed}). */
class InvalidInstanceIdException extends Ec2CallException {

    InvalidInstanceIdException(String code, String message, String awsRequestId, Throwable cause) {
        super(FailureKind.INVALID_INPUT, code, message, awsRequestId, cause);
    }

    InvalidInstanceIdException(String message) {
        this("InvalidInstanceID.Malformed", message, null, null);
    }

}
