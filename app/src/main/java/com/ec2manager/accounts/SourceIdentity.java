package com.ec2manager.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The operator's name as STS accepts it in {@code SourceIdentity} and {@code RoleSessionName}:
 * 2–64 characters of {@code [A-Za-z0-9_+=,.@-]}. The operator's e-mail address is used as it is
 * when it fits (nearly always); any other character becomes {@code _}, and an address longer than
 * 64 characters keeps its first 55 characters, then {@code -} and 8 hex digits of its SHA-256, so
 * that two long addresses never share one identity. A one-character result is padded with {@code _}.
 */
final class SourceIdentity {

    static final int MAX = 64;
    private static final Pattern OUTSIDE = Pattern.compile("[^A-Za-z0-9_+=,.@-]");

    private SourceIdentity() {
    }

    public static String of(String operator) {
        String text = operator == null ? "" : operator.trim();
        String fitted = OUTSIDE.matcher(text).replaceAll("_");
        if (fitted.length() > MAX) {
            fitted = fitted.substring(0, MAX - 9) + "-" + hash(text);
        }
        while (fitted.length() < 2) {
            fitted = fitted + "_";
        }
        return fitted;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
