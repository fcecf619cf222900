package com.ec2manager.localaws.cloudwatch;

/** A refusal as CloudWatch words it: the error shape's name, its HTTP status and a message. */
final class CloudWatchException extends RuntimeException {

    final String shape;
    final int status;

    CloudWatchException(String shape, int status, String message) {
        super(message);
        this.shape = shape;
        this.status = status;
    }

    static CloudWatchException invalidParameter(String message) {
        return new CloudWatchException("InvalidParameterValueException", 400, message);
    }

    static CloudWatchException missingParameter(String message) {
        return new CloudWatchException("MissingRequiredParameterException", 400, message);
    }
}
