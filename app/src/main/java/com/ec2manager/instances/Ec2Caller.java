package com.ec2manager.instances;

import java.util.regex.Pattern;

/**
 * Who an EC2 request is made for; carried in the SDK user agent as {@code ec2-manager/<label>}
 * so that CloudTrail's {@code userAgent} names the person behind the application's role, and, for
 * an operator, choosing the operator's own assumed-role session (its SourceIdentity names them).
 *
 * @param label    e.g. {@code user:admin@example.com} or {@code system:reconciler}
 * @param operator the operator's e-mail address, or null for the application's own work
 */
public record Ec2Caller(String label, String operator) {

    // Header-safe: no whitespace or control characters may reach the User-Agent header.
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9!#$%&'*+.^_`|~:@-]");

    public Ec2Caller {
        label = UNSAFE.matcher(label == null || label.isBlank() ? "unknown" : label).replaceAll("_");
    }

    public static Ec2Caller user(String email) {
        return new Ec2Caller("user:" + email, email);
    }

    public static Ec2Caller system(String component) {
        return new Ec2Caller("system:" + component, null);
    }
}
