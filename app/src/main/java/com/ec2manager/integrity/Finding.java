package com.ec2manager.integrity;

/**
 * One thing the verifier found wrong, named so that a person can find it.
 *
 * @param kind   what is wrong
 * @param name   the digest, file (its key) or record ({@code userId/timestamp}) concerned
 * @param detail what was expected and what was found
 */
public record Finding(Kind kind, String name, String detail) {

    public enum Kind {
        DIGEST_MISSING, DIGEST_ALTERED, DIGEST_CHAIN_BROKEN,
        FILE_MISSING, FILE_ALTERED, FILE_EXTRA,
        RECORD_MISSING, RECORD_ALTERED, RECORD_EDITED, RECORD_DELETED, RECORD_GONE
    }

    @Override
    public String toString() {
        return kind + " " + name + ": " + detail;
    }
}
