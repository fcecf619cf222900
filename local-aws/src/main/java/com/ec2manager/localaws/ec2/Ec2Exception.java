package com.ec2manager.localaws.ec2;

/**
 * A failure as EC2 puts it on the wire: an error code, a message and the HTTP status. Every
 * refusal of the emulator is one of these, rendered in one place as EC2's XML error body.
 */
final class Ec2Exception extends RuntimeException {

    private final int status;
    private final String code;

    Ec2Exception(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static Ec2Exception client(String code, String message) {
        return new Ec2Exception(400, code, message);
    }

    static Ec2Exception invalidParameterValue(String message) {
        return client("InvalidParameterValue", message);
    }

    static Ec2Exception missingParameter(String name) {
        return client("MissingParameter", "The request must contain the parameter " + name);
    }

    static Ec2Exception authFailure() {
        return new Ec2Exception(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }

    static Ec2Exception dryRun() {
        return new Ec2Exception(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
