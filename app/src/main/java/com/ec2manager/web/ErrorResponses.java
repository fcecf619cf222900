package com.ec2manager.web;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one place where failures become responses: RFC 9457 problem JSON for the API, an HTML
 * page for a browser, both with the request id. Unexpected failures are logged with their
 * stack trace and answered without it.
 */
@RestControllerAdvice
class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    @ExceptionHandler(ApplicationException.class)
    Object applicationException(ApplicationException e, HttpServletRequest request, HttpServletResponse response) {
        if (e.status().is5xxServerError()) {
            log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        }
        return render(e.status(), e.title(), e.getMessage(), e.code(), request, response);
    }

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
            model.put("viewer", LayoutModel.currentOperator());
            return new ModelAndView("error", model, status);
        }
        ProblemDetail problem = problem(status, title, detail, code, requestId);
        problem.setInstance(URI.create(request.getRequestURI()));
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
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
