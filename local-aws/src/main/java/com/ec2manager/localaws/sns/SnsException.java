package com.ec2manager.localaws.sns;

/** An SNS error as the wire carries it: the HTTP status and SNS's error code. */
final class SnsException extends RuntimeException {

    private final int status;
    private final String code;

    SnsException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
