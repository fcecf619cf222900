package com.ec2manager.localaws.sts;

/** A refusal as STS puts it on the wire: {@code Type}, {@code Code}, message and HTTP status. */
final class StsException extends RuntimeException {

    private final int status;
    private final String code;

    StsException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static StsException validation(String message) {
        return new StsException(400, "ValidationError", message);
    }

    static StsException accessDenied(String message) {
        return new StsException(403, "AccessDenied", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
