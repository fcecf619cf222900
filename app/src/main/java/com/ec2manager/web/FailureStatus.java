package com.ec2manager.web;

import com.ec2manager.failure.FailureKind;
import org.springframework.http.HttpStatus;

/** The one mapping of failure kinds to HTTP: the status, the problem's title, and whether to say when to retry. */
public final class FailureStatus {

    /** Seconds after which a retry of a 503 may succeed: DynamoDB or a service back, or an unknown outcome settled. */
    public static final String RETRY_AFTER_SECONDS = "5";
    /** The request attribute holding the {@link FailureKind} a request was answered with, for the idempotency filter. */
    static final String KIND = FailureStatus.class.getName() + ".kind";

    private FailureStatus() {
    }

    static HttpStatus of(FailureKind kind) {
        return switch (kind) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case NOT_PERMITTED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case MISMATCHED_REPEAT -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
            case REFUSED_BY_SERVICE -> HttpStatus.BAD_GATEWAY;
            case UNAVAILABLE, OUTCOME_UNKNOWN -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    static String title(FailureKind kind) {
        return switch (kind) {
            case INVALID_INPUT -> "Bad Request";
            case UNAUTHENTICATED -> "Unauthenticated";
            case NOT_PERMITTED -> "Forbidden";
            case NOT_FOUND -> "Not Found";
            case CONFLICT -> "Conflict";
            case MISMATCHED_REPEAT -> "Unprocessable Content";
            case TOO_LARGE -> "Content Too Large";
            case TOO_MANY_ATTEMPTS -> "Too Many Requests";
            case REFUSED_BY_SERVICE -> "Refused by the service";
            case UNAVAILABLE -> "Service Unavailable";
            case OUTCOME_UNKNOWN -> "Outcome unknown";
            case INTERNAL -> "Internal Server Error";
        };
    }

    /**
     * The title of a failure that reached us only as a status (the container's, a filter's
     * {@code sendError}): its kind's title where a kind answers with that status, else the status's phrase.
     */
    static String titleOf(HttpStatus status) {
        for (FailureKind kind : FailureKind.values()) {
            if (of(kind) == status) {
                return title(kind);
            }
        }
        return status.getReasonPhrase();
    }

    /** The kind of failure the request was answered with, if it failed. */
    public static FailureKind answered(jakarta.servlet.http.HttpServletRequest request) {
        return request.getAttribute(KIND) instanceof FailureKind kind ? kind : null;
    }

    /** Sets the response's status (and Retry-After) for a failure a page shows inline. */
    public static void applyTo(jakarta.servlet.http.HttpServletResponse response, com.ec2manager.failure.ApplicationException e) {
        // page handlers show failures inline; the idempotency filter still needs to know the kind
        var current = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (current != null) {
            current.setAttribute(KIND, e.kind(), org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        }
        response.setStatus(of(e.kind()).value());
        if (retryable(e.kind())) {
            response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
    }

    /** Whether the failure is the request's own fault (shown as invalid input, not as our failure). */
    public static boolean isClientError(FailureKind kind) {
        return of(kind).is4xxClientError();
    }

    /** Whether the answer says when to try again (Retry-After). */
    static boolean retryable(FailureKind kind) {
        return kind == FailureKind.UNAVAILABLE || kind == FailureKind.OUTCOME_UNKNOWN;
    }
}
