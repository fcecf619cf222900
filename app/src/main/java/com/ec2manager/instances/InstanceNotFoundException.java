package com.ec2manager.instances;

import com.ec2manager.failure.FailureKind;

/** The instance does not exist in any enabled region (EC2: {@code InvalidInstanceID.NotFound}). */
class InstanceNotFoundException extends Ec2CallException {

    InstanceNotFoundException(String code, String message, String awsRequestId, Throwable cause) {
        super(FailureKind.NOT_FOUND, code, message, awsRequestId, cause);
    }

    InstanceNotFoundException(String message) {
        this("InvalidInstanceID.NotFound", message, null, null);
    }

}
