package com.ec2manager.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * How code outside Spring MVC's handlers (the security filter chain, filters) answers a failure,
 * exactly as {@link ErrorResponses} does inside them: RFC 9457 problem JSON for API requests, and
 * for browsers the one error page, reached through the container's error dispatch to
 * {@link ErrorPageController} with the title, detail and code set here.
 */
public class ProblemWriter {

    static final String TITLE = ProblemWriter.class.getName() + ".title";
    static final String DETAIL = ProblemWriter.class.getName() + ".detail";
    static final String CODE = ProblemWriter.class.getName() + ".code";

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** A failure of a kind, with the status, title and Retry-After that kind has everywhere. */
    public void write(HttpServletRequest request, HttpServletResponse response, ApplicationException e) throws IOException {
        // a failure with no code of its own takes its status's (ContentTooLarge, Conflict, …)
        write(request, response, e.kind(), FailureStatus.title(e.kind()), e.getMessage(),
                e.code() != null ? e.code() : ErrorResponses.codeOf(FailureStatus.of(e.kind())));
    }

    /**
     * A failure of a kind that the filter chain decides itself (nobody signed in, a role refused, no
     * such route), in its own words: the kind still chooses the status.
     */
    public void write(HttpServletRequest request, HttpServletResponse response, FailureKind kind, String title,
                      String detail, String code) throws IOException {
        request.setAttribute(FailureStatus.KIND, kind);
        if (FailureStatus.retryable(kind)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, FailureStatus.RETRY_AFTER_SECONDS);
        }
        write(request, response, FailureStatus.of(kind), title, detail, code);
    }

    /** A failure of HTTP itself that this package's filters decide (a malformed request, 413, 415, 431). */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                      String detail, String code) throws IOException {
        if (ErrorResponses.wantsHtml(request)) {
            request.setAttribute(TITLE, title);
            request.setAttribute(DETAIL, detail);
            request.setAttribute(CODE, code);
            response.sendError(status.value());
            return;
        }
        ProblemDetail problem = ErrorResponses.problem(status, title, detail, code, RequestIdFilter.idOf(request));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(problem));
    }

    /** Whether the request is one of the JSON API's: the one test, for every part that answers differently. */
    public static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
