package com.ec2manager.web;

import java.io.IOException;

import com.ec2manager.failure.ApplicationException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers an {@link ApplicationException} thrown by a filter before any handler ran — e.g. the
 * revocation check of a token when DynamoDB is down — by its kind (503 with Retry-After), as a
 * handler's would be, instead of letting it become a 500. Nothing further in the chain runs.
 */
public class FailureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FailureFilter.class);

    private final ProblemWriter problems;

    public FailureFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ApplicationException e) {
            if (response.isCommitted()) {
                throw e;
            }
            log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            response.resetBuffer();
            problems.write(request, response, e);
        }
    }
}
