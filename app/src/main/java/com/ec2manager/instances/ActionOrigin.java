package com.ec2manager.instances;

/**
 * Where an action request came from, for the audit record.
 *
 * @param ipAddress the client's address (as resolved by the server's forwarded-header handling)
 * @param userAgent the client's User-Agent header, or {@code null}
 * @param requestId the application's request id ({@code X-Request-Id})
 */
public record ActionOrigin(String ipAddress, String userAgent, String requestId) {
}
