package com.ec2manager.localaws.s3;

/** An S3 error as the wire carries it: the HTTP status and S3's error code. */
final class S3Exception extends RuntimeException {

    private final int status;
    private final String code;
    private final String resource;

    S3Exception(int status, String code, String message, String resource) {
        super(message);
        this.status = status;
        this.code = code;
        this.resource = resource;
    }

    static S3Exception noSuchBucket(String bucket) {
        return new S3Exception(404, "NoSuchBucket", "The specified bucket does not exist", bucket);
    }

    static S3Exception noSuchKey(String key) {
        return new S3Exception(404, "NoSuchKey", "The specified key does not exist.", key);
    }

    static S3Exception notImplemented(String what) {
        return new S3Exception(501, "NotImplemented",
                "A header or query you provided implies functionality that is not implemented: " + what, null);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String resource() {
        return resource;
    }
}
