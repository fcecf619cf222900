package com.ec2manager.action;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** The service refused an action: nothing was done; the code is the service's own. */
public class ActionRefusedException extends ApplicationException {

    private final String serviceRequestId;

    ActionRefusedException(FailureKind kind, String code, String message, String serviceRequestId) {
        super(kind, code, message);
        this.serviceRequestId = serviceRequestId;
    }

    /** The service's request id, or null. */
    public String serviceRequestId() {
        return serviceRequestId;
    }
}
