package com.ec2manager.instances;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** The action named in the request is none of start, stop, reboot, terminate. */
class UnknownActionException extends ApplicationException {

    UnknownActionException(String action) {
        super(FailureKind.NOT_FOUND, "UnknownAction",
                "Unknown action '" + InstanceIds.printable(action) + "': use start, stop, reboot or terminate");
    }

}
