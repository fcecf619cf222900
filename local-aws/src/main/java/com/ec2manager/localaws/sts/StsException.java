package com.ec2manager.localaws.sts;

import com.ec2manager.localaws.wire.QueryFault;

/** A refusal as STS puts it on the wire: {@code Type}, {@code Code}, message and HTTP status. */
final class StsException extends QueryFault {

    StsException(int status, String code, String message) {
        super(status, code, message);
    }

    static StsException validation(String message) {
        return new StsException(400, "ValidationError", message);
    }

    static StsException accessDenied(String message) {
        return new StsException(403, "AccessDenied", message);
    }
}
