package com.ec2manager.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keeps every value that becomes a DynamoDB key or attribute of an audit record within bounds,
 * whatever a caller typed: a key may hold 2,048 bytes (1,024 for the sort key) and an item
 * 400 KB, and a write refused for size would leave the attempt unaudited. A value over its bound
 * is cut and ends with a digest of the whole, so that two long values still differ.
 */
final class AuditBounds {

    /** Keys (userId, resourceId): 256 characters are at most 1,024 bytes in UTF-8. */
    static final int KEY = 256;
    /** Other strings (e-mail, user agent, detail values). */
    static final int ATTRIBUTE = 1024;
    /** Detail names. */
    static final int NAME = 64;
    private static final int DIGEST_CHARS = 16;

    private AuditBounds() {
    }

    /** The value itself when within {@code max} characters, else its head, "…" and a digest of the whole. */
    static String bound(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        String digest = sha256(value).substring(0, DIGEST_CHARS);
        int head = max - DIGEST_CHARS - 1;
        if (Character.isHighSurrogate(value.charAt(head - 1))) {
            head--; // never split a character in two
        }
        return value.substring(0, head) + "…" + digest;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
