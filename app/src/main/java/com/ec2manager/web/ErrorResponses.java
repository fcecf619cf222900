package com.ec2manager.web;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.ec2manager.failure.ApplicationException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one place where failures become responses: RFC 9457 problem JSON for the API, an HTML
 * page for a browser, both with the request id. Spring's own failures (no such path, wrong
 * method or media type, unreadable or invalid body, missing or mistyped parameter) get the
 * same two renderings with their real 4xx status. Unexpected failures are logged with their
 * stack trace and answered with a 500 that shows none.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    @ExceptionHandler(ApplicationException.class)
    Object applicationException(ApplicationException e, HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = FailureStatus.of(e.kind());
        request.setAttribute(FailureStatus.KIND, e.kind());
        if (status.is5xxServerError()) {
            log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        }
        if (FailureStatus.retryable(e.kind())) {
            response.setHeader(HttpHeaders.RETRY_AFTER, FailureStatus.RETRY_AFTER_SECONDS);
        }
        return render(status, FailureStatus.title(e.kind()), e.getMessage(), e.code(), request, response);
    }

    /** Bodies and parameters that fail validation: 400 with every field's message. */
    @ExceptionHandler({MethodArgumentNotValidException.class, BindException.class})
    Object invalid(BindException e, HttpServletRequest request, HttpServletResponse response) {
        return render(HttpStatus.BAD_REQUEST, "Bad Request", describe(e.getBindingResult()), "ValidationFailed",
                request, response);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    Object invalid(HandlerMethodValidationException e, HttpServletRequest request, HttpServletResponse response) {
        String detail = e.getAllErrors().stream().map(error -> error.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return render(HttpStatus.BAD_REQUEST, "Bad Request", detail.isEmpty() ? "Invalid request." : detail,
                "ValidationFailed", request, response);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) {
        return render(HttpStatus.BAD_REQUEST, "Bad Request",
                "'" + e.getName() + "' must be " + expected(e.getRequiredType()) + ", not '"
                        + printable(String.valueOf(e.getValue())) + "'.",
                "InvalidParameter", request, response);
    }

    /** What a parameter of a type must be, in words a person reads ("a whole number", not "a Integer"). */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 time such as 2026-12-01T18:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return "a valid " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object method(HttpRequestMethodNotSupportedException e, HttpServletRequest request, HttpServletResponse response) {
        Set<HttpMethod> allowed = e.getSupportedHttpMethods();
        if (allowed != null && !allowed.isEmpty()) {
            response.setHeader(HttpHeaders.ALLOW, allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
        }
        return render(HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed",
                request.getMethod() + " is not supported here.", "MethodNotAllowed", request, response);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response) {
        log.debug("unreadable body: {}", e.getMessage());
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestGuardFilter.BodyTooLargeException) {
                return render(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", "The request body is larger than 1 MB.",
                        codeOf(HttpStatus.CONTENT_TOO_LARGE), request, response);
            }
        }
        return render(HttpStatus.BAD_REQUEST, "Bad Request", "The request body is missing or is not valid JSON.",
                "MalformedBody", request, response);
    }

    /** Tomcat refuses a query string or form that is not valid UTF-8 (or has too many parameters). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    Object undecodable(org.apache.tomcat.util.http.InvalidParameterException e, HttpServletRequest request,
                       HttpServletResponse response) {
        log.debug("undecodable parameters: {}", e.getMessage());
        return render(HttpStatus.BAD_REQUEST, "Bad Request",
                "The request's parameters could not be read: they must be valid UTF-8, percent-encoded.",
                "MalformedParameters", request, response);
    }

    /**
     * Request parameters that cannot be bound to their object (a name that is no property path,
     * e.g. with brackets or control characters), multipart bodies that cannot be parsed, and
     * parameters the security firewall rejects (line breaks in a name).
     */
    @ExceptionHandler({org.springframework.beans.BeansException.class,
            org.springframework.web.multipart.MultipartException.class,
            org.springframework.security.web.firewall.RequestRejectedException.class})
    Object unbindable(Exception e, HttpServletRequest request, HttpServletResponse response) {
        log.debug("unbindable request: {}", e.getMessage());
        return render(HttpStatus.BAD_REQUEST, "Bad Request", "The request's parameters or body could not be read.",
                "MalformedRequest", request, response);
    }

    /** The remaining failures Spring MVC describes itself: 404, 406, 415, missing parameter or header, … */
    @ExceptionHandler({ServletException.class, ErrorResponseException.class, AsyncRequestTimeoutException.class})
    Object framework(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (!(e instanceof ErrorResponse error)) {
            return unexpected(e, request, response);
        }
        HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        if (status.is5xxServerError()) {
            log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        }
        error.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        String detail = status == HttpStatus.NOT_FOUND ? "There is nothing at " + printable(request.getRequestURI()) + "."
                : error.getBody().getDetail();
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            // The client accepts nothing we write, so at least the problem must be readable as JSON.
            request.setAttribute(FORCE_JSON, Boolean.TRUE);
        }
        return render(status, status.getReasonPhrase(), detail == null ? status.getReasonPhrase() + "." : detail,
                codeOf(status), request, response);
    }

    /** Spring Security's refusals thrown inside a handler: 401 or 403 like those of the filter chain. */
    @ExceptionHandler(AuthenticationException.class)
    Object unauthenticated(AuthenticationException e, HttpServletRequest request, HttpServletResponse response) {
        return render(HttpStatus.UNAUTHORIZED, "Unauthenticated", "Sign in, or send a valid access token.",
                "Unauthenticated", request, response);
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object forbidden(AccessDeniedException e, HttpServletRequest request, HttpServletResponse response) {
        return render(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this.",
                com.ec2manager.failure.NotPermittedException.CODE, request, response);
    }

    /** The client went away (e.g. during an export): nothing left to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone(AsyncRequestNotUsableException e) {
        log.debug("client disconnected: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        if (response.isCommitted()) {
            return null;
        }
        return render(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "Something went wrong on our side. Quote the request id if you report it.", "InternalError",
                request, response);
    }

    private static final String FORCE_JSON = ErrorResponses.class.getName() + ".json";

    static Object render(HttpStatus status, String title, String detail, String code,
                         HttpServletRequest request, HttpServletResponse response) {
        String requestId = RequestIdFilter.idOf(request);
        if (wantsHtml(request)) {
            response.setStatus(status.value());
            Map<String, Object> model = new HashMap<>();
            model.put("status", status.value());
            model.put("title", title);
            model.put("detail", detail);
            model.put("requestId", requestId);
            model.put("viewer", SignedIn.viewer().orElse(null));
            return new ModelAndView("error", model, status);
        }
        ProblemDetail problem = problem(status, title, detail, code, requestId);
        problem.setInstance(URI.create(request.getRequestURI()));
        if (Boolean.TRUE.equals(request.getAttribute(FORCE_JSON))) {
            // bypass content negotiation, which refused the client's Accept header already
            request.removeAttribute(org.springframework.web.servlet.HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail, String code, String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (code != null) {
            problem.setType(URI.create("urn:ec2-manager:problem:" + code));
            problem.setProperty("code", code);
        }
        problem.setProperty("requestId", requestId);
        return problem;
    }

    /** API paths always get JSON; other requests get HTML when the browser asks for it. */
    static boolean wantsHtml(HttpServletRequest request) {
        if (ProblemWriter.isApi(request)) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static String describe(BindingResult result) {
        List<String> messages = result.getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage()).toList();
        List<String> global = result.getGlobalErrors().stream().map(error -> error.getDefaultMessage()).toList();
        String joined = String.join("; ", concat(messages, global));
        return joined.isEmpty() ? "Invalid request." : joined;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** A status as a problem code, e.g. {@code UnsupportedMediaType}. */
    static String codeOf(HttpStatus status) {
        return status.getReasonPhrase().replaceAll("[^A-Za-z]", "");
    }

    static String printable(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "…" : cleaned;
    }
}
