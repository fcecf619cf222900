package com.ec2manager.web;

import org.springframework.http.HttpStatus;

/** The idempotency table cannot be reached: the request is refused before anything is done. */
public class IdempotencyUnavailableException extends ApplicationException {

    public IdempotencyUnavailableException() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "IdempotencyUnavailable",
                "Repeated requests cannot be recognised right now, so nothing was done. Try again later.");
    }
}
