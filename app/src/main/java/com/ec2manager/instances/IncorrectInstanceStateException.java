package com.ec2manager.instances;

import com.ec2manager.failure.FailureKind;

/** EC2 refused the action in the instance's current state; keeps EC2's code and message. */
class IncorrectInstanceStateException extends Ec2CallException {

    IncorrectInstanceStateException(String code, String message, String awsRequestId, Throwable cause) {
        super(FailureKind.CONFLICT, code, message, awsRequestId, cause);
    }

    IncorrectInstanceStateException(String message) {
        this("IncorrectInstanceState", message, null, null);
    }

}
