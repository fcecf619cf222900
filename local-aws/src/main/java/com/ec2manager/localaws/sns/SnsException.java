package com.ec2manager.localaws.sns;

import com.ec2manager.localaws.wire.QueryFault;

/** An SNS error as the wire carries it: the HTTP status and SNS's error code. */
final class SnsException extends QueryFault {

    SnsException(int status, String code, String message) {
        super(status, code, message);
    }
}
