package com.ec2manager.instances;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A region the request needs could not be reached, so its answer would be incomplete. */
class RegionUnavailableException extends ApplicationException {

    RegionUnavailableException(String message) {
        super(FailureKind.UNAVAILABLE, "RegionUnavailable", message);
    }

}
