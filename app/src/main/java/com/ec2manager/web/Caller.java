package com.ec2manager.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/**
 * Where a request came from, for the audit trail. The address is the servlet's remote address,
 * which honours {@code X-Forwarded-For} only when the server is told to trust a proxy
 * ({@code server.forward-headers-strategy}).
 *
 * @param requestId       the id the server gave the request
 * @param clientRequestId the {@code X-Request-Id} the client sent, if well-formed; null otherwise
 */
public record Caller(String ipAddress, String userAgent, String requestId, String clientRequestId) {

    public Caller(String ipAddress, String userAgent, String requestId) {
        this(ipAddress, userAgent, requestId, null);
    }

    public static Caller of(HttpServletRequest request) {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        if (agent != null && agent.length() > 512) {
            agent = agent.substring(0, 512);
        }
        return new Caller(request.getRemoteAddr(), agent, RequestIdFilter.idOf(request),
                RequestIdFilter.clientIdOf(request));
    }
}
