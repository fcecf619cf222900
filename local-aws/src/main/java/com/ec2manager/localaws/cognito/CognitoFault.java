package com.ec2manager.localaws.cognito;

import java.time.Duration;

/**
 * A fault injected into one operation of the pool: answer after a delay, and/or answer with a
 * Cognito error instead of doing the work, as {@code Ec2Fault} does for EC2.
 *
 * @param delay   how long to wait before answering (zero for none)
 * @param status  the HTTP status of the error, or 0 when the fault only delays
 * @param type    Cognito's exception name ({@code __type}), or null when the fault only delays
 * @param message the error message, or null when the fault only delays
 */
public record CognitoFault(Duration delay, int status, String type, String message) {

    public CognitoFault {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("a fault's delay must be zero or positive");
        }
        if ((type == null) != (status == 0)) {
            throw new IllegalArgumentException("an error fault needs both a status and a type");
        }
    }

    /** 500 {@code InternalErrorException}, as Cognito answers when it fails inside. */
    public static CognitoFault internalError() {
        return new CognitoFault(Duration.ZERO, 500, "InternalErrorException", "Internal server error.");
    }

    /** 400 {@code TooManyRequestsException}, Cognito's throttling (the SDK retries it). */
    public static CognitoFault throttled() {
        return new CognitoFault(Duration.ZERO, 400, "TooManyRequestsException", "Rate exceeded");
    }

    /** 400 with any exception name Cognito uses, e.g. {@code LimitExceededException}. */
    public static CognitoFault refused(String type, String message) {
        return new CognitoFault(Duration.ZERO, 400, type, message);
    }

    /** Answered normally, after {@code delay}. */
    public static CognitoFault slow(Duration delay) {
        return new CognitoFault(delay, 0, null, null);
    }

    /** This fault, answered only after {@code wait}. */
    public CognitoFault after(Duration wait) {
        return new CognitoFault(wait, status, type, message);
    }

    boolean fails() {
        return type != null;
    }
}
