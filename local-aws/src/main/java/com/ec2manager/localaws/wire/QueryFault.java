package com.ec2manager.localaws.wire;

/** A refusal as a Query-protocol service (STS, SNS) puts it on the wire: its HTTP status and error code. */
public class QueryFault extends RuntimeException {

    private final int status;
    private final String code;

    public QueryFault(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
