package com.ec2manager.failure;

/** The person's role does not allow what they asked for: one failure, one code, wherever it is refused. */
public class NotPermittedException extends ApplicationException {

    public static final String CODE = "AccessDenied";

    public NotPermittedException(String message) {
        super(FailureKind.NOT_PERMITTED, CODE, message);
    }
}
