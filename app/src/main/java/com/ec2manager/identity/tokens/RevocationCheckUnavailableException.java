package com.ec2manager.identity.tokens;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/**
 * Whether a token was revoked cannot be told now (DynamoDB down, or keys left unprocessed): the
 * request is refused as unavailable — neither trusted nor called invalid, so the session survives.
 */
class RevocationCheckUnavailableException extends ApplicationException {

    RevocationCheckUnavailableException(Throwable cause) {
        super(FailureKind.UNAVAILABLE, "SignInCheckUnavailable",
                "Your sign-in cannot be checked right now, so nothing was done. Try again in a few seconds.", cause);
    }
}
