package com.ec2manager.idempotency;

import com.ec2manager.failure.FailureKind;

/** The idempotency table cannot be reached: the request is refused before anything is done. */
class IdempotencyUnavailableException extends com.ec2manager.failure.ApplicationException {

    public IdempotencyUnavailableException() {
        super(FailureKind.UNAVAILABLE, "IdempotencyUnavailable",
                "Repeated requests cannot be recognised right now, so nothing was done. Try again later.");
    }
}
