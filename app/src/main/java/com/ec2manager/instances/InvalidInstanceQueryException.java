package com.ec2manager.instances;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A listing's filter or sort order that cannot be understood, e.g. an unknown sort key or region. */
class InvalidInstanceQueryException extends ApplicationException {

    InvalidInstanceQueryException(String message) {
        super(FailureKind.INVALID_INPUT, "InvalidQuery", message);
    }

}
