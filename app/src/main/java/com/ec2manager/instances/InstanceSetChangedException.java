package com.ec2manager.instances;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** An approved action whose instances are no longer the ones approved (gone, or in another account or region). */
class InstanceSetChangedException extends ApplicationException {

    InstanceSetChangedException(String message) {
        super(FailureKind.CONFLICT, "InstanceSetChanged", message);
    }
}
