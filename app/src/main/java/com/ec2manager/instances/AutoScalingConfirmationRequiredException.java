package com.ec2manager.instances;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/**
 * The instance belongs to an Auto Scaling group, which may replace or restart it behind the
 * operator's back; acting needs {@code confirmAutoScaling: true}. Audited as FAILED.
 */
class AutoScalingConfirmationRequiredException extends ApplicationException {

    static final String CODE = "AutoScalingConfirmationRequired";

    AutoScalingConfirmationRequiredException(String message) {
        super(FailureKind.CONFLICT, CODE, message);
    }

}
