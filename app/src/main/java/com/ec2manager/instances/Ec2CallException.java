package com.ec2manager.instances;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/**
 * A call to EC2 that did not succeed. The code is EC2's own error code where EC2 answered,
 * so that the audit record and the client see what EC2 said.
 */
abstract class Ec2CallException extends ApplicationException {

    private final String awsRequestId;

    protected Ec2CallException(FailureKind kind, String code, String message, String awsRequestId, Throwable cause) {
        super(kind, code, message, cause);
        this.awsRequestId = awsRequestId;
    }

    /** EC2's request id, or {@code null} when EC2 did not answer. */
    public String awsRequestId() {
        return awsRequestId;
    }

    /** True when the request may or may not have reached EC2 (a timeout, a broken connection). */
    boolean outcomeUnknown() {
        return false;
    }
}
