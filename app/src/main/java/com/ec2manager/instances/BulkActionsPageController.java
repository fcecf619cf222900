package com.ec2manager.instances;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.failure.ApplicationException;
import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;
import com.ec2manager.web.FailureStatus;
import com.ec2manager.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Bulk actions from the instances page, post/redirect/get: the form acts, then the browser is sent
 * to a result page read back from the audit trail (the records of that request), so that reloading
 * it never acts again and any application instance can show it. The result names every instance,
 * and offers to retry the ones that failed.
 */
@Controller
class BulkActionsPageController {

    /** How long a result can be opened again; older ones are in the audit log. */
    private static final Duration RESULT_LIFETIME = Duration.ofHours(1);

    private final InstanceActions actions;
    private final InstanceListing listing;
    private final AuditTrail audit;
    private final Clock clock;

    BulkActionsPageController(InstanceActions actions, InstanceListing listing, AuditTrail audit, Clock clock) {
        this.actions = actions;
        this.listing = listing;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One instance's line of the result.
     *
     * @param outcome SUCCEEDED, FAILED, DENIED, PENDING or INFERRED, from the audit record
     */
    record Row(String instanceId, String name, String accountId, String region, String outcome,
                      String previousState, String newState, String errorCode, String errorMessage,
                      boolean autoScaling) {

        boolean failed() {
            return "FAILED".equals(outcome) || "DENIED".equals(outcome);
        }
    }

    @PostMapping("/instances/actions")
    String bulk(@RequestParam(required = false) String action,
                @RequestParam(required = false) List<String> instanceIds,
                @RequestParam(required = false) String reason,
                @RequestParam(required = false) Boolean confirmAutoScaling,
                Operator operator, HttpServletRequest request, HttpServletResponse response, Model model) {
        Instant started = clock.instant();
        try {
            actions.performBulk(operator, Caller.of(request),
                    new BulkActionRequest(action, instanceIds, reason, confirmAutoScaling));
        } catch (ApplicationException e) {
            // nothing was done (no instance, no reason, an unknown action): said on the page itself
            FailureStatus.applyTo(response, e);
            model.addAttribute("actionError", e.getMessage());
            return "instances/bulk-result";
        }
        return "redirect:/instances/actions/result?action=" + InstanceAction.fromValue(action).map(InstanceAction::value)
                .orElseThrow() + "&request=" + URLEncoder.encode(RequestIdFilter.idOf(request), StandardCharsets.UTF_8)
                + "&since=" + started.getEpochSecond();
    }

    /** The result of one bulk request of this person, read from its audit records. */
    @GetMapping("/instances/actions/result")
    String result(@RequestParam String action, @RequestParam String request, @RequestParam long since,
                  Operator operator, Model model) {
        InstanceAction known = InstanceAction.fromValue(action).orElseThrow(() -> new UnknownActionException(action));
        Instant now = clock.instant();
        // the person's own partition from that moment on: a forged time reads at most the last hour of it
        Instant from = Instant.ofEpochSecond(Math.max(since, now.minus(RESULT_LIFETIME).getEpochSecond()));
        List<AuditRecord> records = audit.findByRequest(operator.userId(), request, from).stream()
                .filter(record -> record.action() == known.auditAction())
                .sorted(Comparator.comparing(AuditRecord::eventTime)).toList();
        Map<String, Instance> found = listing.locate(records.stream().map(AuditRecord::resourceId).toList(),
                Ec2Caller.user(operator.email())).found();
        List<Row> rows = records.stream().map(record -> row(record, found.get(record.resourceId()))).toList();
        model.addAttribute("action", known.value());
        model.addAttribute("rows", rows);
        model.addAttribute("succeeded", rows.stream().filter(row -> !row.failed()).count());
        model.addAttribute("failedRows", rows.stream().filter(Row::failed).toList());
        model.addAttribute("reason", records.isEmpty() ? "" : records.get(0).details().reason());
        model.addAttribute("admin", operator.isAdmin());
        return "instances/bulk-result";
    }

    private static Row row(AuditRecord record, Instance instance) {
        boolean autoScaling = instance != null ? instance.inAutoScalingGroup()
                : AutoScalingConfirmationRequiredException.CODE.equals(record.errorCode());
        return new Row(record.resourceId(), instance == null ? null : instance.name(),
                instance == null ? record.details().accountId() : instance.accountId(),
                record.details().region(), record.outcome() == null ? null : record.outcome().name(),
                record.details().previousState(), record.newState(), record.errorCode(), record.errorMessage(),
                autoScaling);
    }
}
