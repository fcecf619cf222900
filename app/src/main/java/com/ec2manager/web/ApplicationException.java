package com.ec2manager.web;

import org.springframework.http.HttpStatus;

/**
 * A failure the application knows how to explain. Each failure kind is a subclass in its
 * feature package; {@link ErrorResponses} renders all of them, as an HTML page or as RFC 9457
 * problem JSON.
 */
public abstract class ApplicationException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    protected ApplicationException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    protected ApplicationException(HttpStatus status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    /** A stable, machine-readable name of the failure, e.g. {@code IncorrectInstanceState}. */
    public String code() {
        return code;
    }

    /** A short human title for the failure kind. */
    public String title() {
        return status.getReasonPhrase();
    }
}
