package com.ec2manager.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Failures that never reached a handler (a filter's {@code sendError}, the container) arrive at
 * {@code /error}; this renders them like every other failure — problem JSON or the HTML page,
 * with the request id — instead of Spring Boot's default body.
 */
@Controller
class ErrorPageController implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        Object statusCode = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status;
        if (statusCode == null) {
            status = HttpStatus.NOT_FOUND; // asked for directly: there is no page at /error
        } else {
            status = statusCode instanceof Integer value && HttpStatus.resolve(value) != null
                    ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case UNAUTHORIZED -> "Sign in, or send a valid access token.";
            case FORBIDDEN -> "Your role does not allow this.";
            case BAD_REQUEST -> "The request could not be understood.";
            default -> status.is5xxServerError() ? "Something went wrong on our side. Quote the request id if you report it."
                    : status.getReasonPhrase() + ".";
        };
        String title = FailureStatus.titleOf(status);
        String code = status == HttpStatus.UNAUTHORIZED ? "Unauthenticated"
                : status == HttpStatus.FORBIDDEN ? com.ec2manager.failure.NotPermittedException.CODE
                : ErrorResponses.codeOf(status);
        // set by ProblemWriter, which sends browsers here
        if (request.getAttribute(ProblemWriter.DETAIL) instanceof String ours) {
            detail = ours;
            title = (String) request.getAttribute(ProblemWriter.TITLE);
            code = (String) request.getAttribute(ProblemWriter.CODE);
        }
        return ErrorResponses.render(status, title, detail, code, request, response);
    }
}
