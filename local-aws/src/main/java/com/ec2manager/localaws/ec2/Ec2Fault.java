package com.ec2manager.localaws.ec2;

import java.time.Duration;

/**
 * A fault injected into one region: answer after a delay, and/or answer with an EC2 error
 * instead of doing the work. Calls are still recorded, so a test sees that EC2 was asked.
 *
 * @param delay   how long to wait before answering (zero for none)
 * @param status  the HTTP status of the error, or 0 when the fault only delays
 * @param code    the EC2 error code, or null when the fault only delays
 * @param message the error message, or null when the fault only delays
 */
public record Ec2Fault(Duration delay, int status, String code, String message) {

    public Ec2Fault {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("a fault's delay must be zero or positive");
        }
        if ((code == null) != (status == 0)) {
            throw new IllegalArgumentException("an error fault needs both a status and a code");
        }
    }

    /** Every request answers 503 {@code Unavailable}, as EC2 does when it is down. */
    public static Ec2Fault unavailable() {
        return new Ec2Fault(Duration.ZERO, 503, "Unavailable", "The service is unavailable. Please try again shortly.");
    }

    /** Every request answers 500 {@code InternalError}. */
    public static Ec2Fault internalError() {
        return new Ec2Fault(Duration.ZERO, 500, "InternalError", "An internal error has occurred");
    }

    /** Every request answers 503 {@code RequestLimitExceeded}, EC2's throttling. */
    public static Ec2Fault throttled() {
        return new Ec2Fault(Duration.ZERO, 503, "RequestLimitExceeded", "Request limit exceeded.");
    }

    /** Every request is answered normally, after {@code delay}. */
    public static Ec2Fault slow(Duration delay) {
        return new Ec2Fault(delay, 0, null, null);
    }

    /** This fault, answered only after {@code wait}. */
    public Ec2Fault after(Duration wait) {
        return new Ec2Fault(wait, status, code, message);
    }

    boolean fails() {
        return code != null;
    }
}
