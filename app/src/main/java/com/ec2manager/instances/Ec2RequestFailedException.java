package com.ec2manager.instances;

import com.ec2manager.failure.FailureKind;

/** EC2 refused the request for a reason the operator cannot fix (e.g. the application's role lacks a permission); keeps EC2's code. */
class Ec2RequestFailedException extends Ec2CallException {

    Ec2RequestFailedException(String code, String message, String awsRequestId, Throwable cause) {
        super(FailureKind.REFUSED_BY_SERVICE, code, message, awsRequestId, cause);
    }

    Ec2RequestFailedException(String message) {
        this("Ec2RequestFailed", message, null, null);
    }

}
