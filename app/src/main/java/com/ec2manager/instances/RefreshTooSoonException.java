package com.ec2manager.instances;

import java.time.Duration;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A refresh was asked for again before {@code manual-refresh-interval} passed. */
class RefreshTooSoonException extends ApplicationException {

    RefreshTooSoonException(Duration retryAfter) {
        super(FailureKind.TOO_MANY_ATTEMPTS, "RefreshTooSoon", "A refresh was asked for moments ago; try again in "
                + Math.max(1, retryAfter.toSeconds()) + " s");
    }
}
