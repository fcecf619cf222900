package com.ec2manager.approvals;

import java.util.List;
import java.util.Locale;

import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Approval policies and requests through the JSON API; changes and decisions are admins' and audited. */
@RestController
class ApprovalsApiController {

    static final int LIST_LIMIT = 200;

    private final Approvals approvals;

    ApprovalsApiController(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/api/v1/approval-policies")
    List<ApprovalPolicy> policies() {
        return approvals.policies();
    }

    @PostMapping("/api/v1/approval-policies")
    @ResponseStatus(HttpStatus.CREATED)
    ApprovalPolicy create(@RequestBody(required = false) PolicyForm form, Operator operator, HttpServletRequest request) {
        return approvals.createPolicy(operator, Caller.of(request), required(form));
    }

    @PutMapping("/api/v1/approval-policies/{id}")
    ApprovalPolicy update(@PathVariable String id, @RequestBody(required = false) PolicyForm form, Operator operator,
                          HttpServletRequest request) {
        return approvals.updatePolicy(operator, Caller.of(request), id, required(form));
    }

    @DeleteMapping("/api/v1/approval-policies/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, Operator operator, HttpServletRequest request) {
        approvals.deletePolicy(operator, Caller.of(request), id);
    }

    @GetMapping("/api/v1/approvals")
    List<ApprovalRequest> requests(@RequestParam(required = false) String state) {
        return approvals.requests(state(state), LIST_LIMIT);
    }

    @GetMapping("/api/v1/approvals/{id}")
    ApprovalRequest request(@PathVariable String id) {
        return approvals.request(id);
    }

    /** @param comment what the approver or rejecter says; optional, at most 500 characters */
    record Decision(String comment) {
    }

    @PostMapping("/api/v1/approvals/{id}/approve")
    ApprovalRequest approve(@PathVariable String id, @RequestBody(required = false) Decision decision,
                            Operator operator, HttpServletRequest request) {
        return approvals.approve(operator, Caller.of(request), id, decision == null ? null : decision.comment());
    }

    @PostMapping("/api/v1/approvals/{id}/reject")
    ApprovalRequest reject(@PathVariable String id, @RequestBody(required = false) Decision decision,
                           Operator operator, HttpServletRequest request) {
        return approvals.reject(operator, Caller.of(request), id, decision == null ? null : decision.comment());
    }

    /** {@code pending} or a state's name, any case; none: every request. */
    static ApprovalRequest.State state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        String name = state.strip().toUpperCase(Locale.ROOT);
        if (name.equals("PENDING")) {
            return ApprovalRequest.State.PENDING_APPROVAL;
        }
        for (ApprovalRequest.State known : ApprovalRequest.State.values()) {
            if (known.name().equals(name)) {
                return known;
            }
        }
        throw ApprovalFailure.invalid("state: pending, executing, executed, not_executed, rejected, expired or interrupted");
    }

    private static PolicyForm required(PolicyForm form) {
        if (form == null) {
            throw ApprovalFailure.invalid("a JSON body describing the policy is required");
        }
        return form;
    }
}
