package com.ec2manager.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id of the server's own making, in the {@code X-Request-Id} response
 * header, the logs, every error body and the audit record, so that a person can quote it and an
 * operator can find it. An id the client sends in {@code X-Request-Id} is never taken for it (two
 * people's records could then share one); a well-formed one is kept beside it as the client's
 * request id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final String CLIENT_ATTRIBUTE = RequestIdFilter.class.getName() + ".clientId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(HEADER);
        String id = UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        if (incoming != null && ACCEPTABLE.matcher(incoming).matches()) {
            request.setAttribute(CLIENT_ATTRIBUTE, incoming);
        }
        response.setHeader(HEADER, id);
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The id of the request being served. */
    public static String idOf(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id != null ? id.toString() : "unknown";
    }

    /** The well-formed {@code X-Request-Id} the client sent, or null. */
    public static String clientIdOf(HttpServletRequest request) {
        Object id = request.getAttribute(CLIENT_ATTRIBUTE);
        return id != null ? id.toString() : null;
    }
}
