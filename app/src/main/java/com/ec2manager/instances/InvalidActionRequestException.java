package com.ec2manager.instances;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** An action request that fails validation (blank or long reason, too many instances, …). */
class InvalidActionRequestException extends ApplicationException {

    InvalidActionRequestException(String message) {
        super(FailureKind.INVALID_INPUT, "InvalidActionRequest", message);
    }

}
