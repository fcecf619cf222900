package com.ec2manager.approvals;

import java.net.URI;

import com.ec2manager.action.ActionHeldException;
import com.ec2manager.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The answer to an instance or user-administration action held for approval: 202 with the request for API clients, the
 * request's page for people. It is not a failure, so it is answered here rather than by {@code web}.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class HeldActionAnswers {

    /**
     * @param approvalId the request the action waits on
     * @param state      {@code PENDING_APPROVAL}
     */
    record Held(String approvalId, String state) {
    }

    @ExceptionHandler(ActionHeldException.class)
    ResponseEntity<?> held(ActionHeldException held, HttpServletRequest request) {
        String id = held.held().id();
        if (ProblemWriter.isApi(request)) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/approvals/" + id))
                    .body(new Held(id, held.held().state()));
        }
        String page = "/approvals/" + id + "?notice=held";
        if (request.getHeader("HX-Request") != null) {
            // a form sent by htmx: it follows this header with a full page load
            return ResponseEntity.ok().header("HX-Redirect", page).build();
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, page).build();
    }
}
