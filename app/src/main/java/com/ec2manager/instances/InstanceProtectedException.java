package com.ec2manager.instances;

import com.ec2manager.failure.FailureKind;

/** The instance's stop or termination protection forbids the action (EC2: {@code OperationNotPermitted}). */
class InstanceProtectedException extends Ec2CallException {

    InstanceProtectedException(String code, String message, String awsRequestId, Throwable cause) {
        super(FailureKind.CONFLICT, code, message, awsRequestId, cause);
    }

    InstanceProtectedException(String message) {
        this("OperationNotPermitted", message, null, null);
    }

}
