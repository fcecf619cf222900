package com.ec2manager.approvals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The approval pages: the queue of held actions and the recently decided ones, one request with its
 * approve and reject forms, and the policies with their form. Every form answers with a redirect
 * (POST-redirect-GET), so that reloading never decides twice.
 */
@Controller
class ApprovalsPageController {

    private static final int RECENT = 25;

    private final Approvals approvals;

    ApprovalsPageController(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/approvals")
    String queue(Model model) {
        model.addAttribute("pending", approvals.requests(ApprovalRequest.State.PENDING_APPROVAL, RECENT * 4));
        model.addAttribute("recent", approvals.requests(null, RECENT * 2).stream()
                .filter(r -> r.state() != ApprovalRequest.State.PENDING_APPROVAL).limit(RECENT).toList());
        return "approvals/queue";
    }

    @GetMapping("/approvals/{id}")
    String request(@PathVariable String id, @RequestParam(required = false) String notice, Operator operator,
                   Model model) {
        ApprovalRequest request = approvals.request(id);
        model.addAttribute("held", "held".equals(notice));
        model.addAttribute("notice", notice == null ? null : switch (notice) {
            case "approved" -> "Your approval is recorded; the action waits for one more.";
            case "ran" -> "Approved: the action ran as the person who asked for it. " + request.outcome() + ".";
            case "rejected" -> "Rejected: nothing will be done.";
            default -> null;
        });
        model.addAttribute("request", request);
        model.addAttribute("canDecide", operator.isAdmin() && request.state() == ApprovalRequest.State.PENDING_APPROVAL);
        model.addAttribute("ownRequest", request.requesterId().equals(operator.userId()));
        return "approvals/request";
    }

    @PostMapping("/approvals/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(defaultValue = "") String comment, Operator operator,
                   HttpServletRequest request) {
        ApprovalRequest after = approvals.approve(operator, Caller.of(request), id, comment);
        return "redirect:/approvals/" + id + "?notice=" + (after.state() == ApprovalRequest.State.PENDING_APPROVAL
                ? "approved" : "ran");
    }

    @PostMapping("/approvals/{id}/reject")
    String reject(@PathVariable String id, @RequestParam(defaultValue = "") String comment, Operator operator,
                  HttpServletRequest request) {
        approvals.reject(operator, Caller.of(request), id, comment);
        return "redirect:/approvals/" + id + "?notice=rejected";
    }

    @GetMapping("/approvals/policies")
    String policies(@RequestParam(required = false) String notice, @RequestParam(required = false) String name,
                    Model model) {
        model.addAttribute("policies", approvals.policies());
        model.addAttribute("instanceActions", Arrays.stream(PolicyAction.values()).filter(a -> !a.onUsers()).toList());
        model.addAttribute("userActions", Arrays.stream(PolicyAction.values()).filter(PolicyAction::onUsers).toList());
        model.addAttribute("notice", "created".equals(notice) ? "Policy " + (name == null ? "" : name) + " created."
                : "deleted".equals(notice) ? "Policy deleted." : null);
        return "approvals/policies";
    }

    /**
     * The page's form: actions as check boxes, accounts and regions separated by commas or spaces,
     * tags one {@code Key=Value} per line.
     */
    @PostMapping("/approvals/policies")
    String create(@RequestParam(defaultValue = "") String name,
                  @RequestParam(required = false) List<String> actions,
                  @RequestParam(defaultValue = "") String accounts, @RequestParam(defaultValue = "") String regions,
                  @RequestParam(defaultValue = "") String tags, @RequestParam(defaultValue = "1") Integer approvals,
                  @RequestParam(defaultValue = "") String expiresIn,
                  @RequestParam(defaultValue = "") String ticketPattern, Operator operator, HttpServletRequest request) {
        PolicyForm form = new PolicyForm(name, actions, words(accounts), words(regions), tagLines(tags), approvals,
                expiresIn.isBlank() ? null : "PT" + expiresIn.strip() + "M", ticketPattern);
        ApprovalPolicy created = this.approvals.createPolicy(operator, Caller.of(request), form);
        return "redirect:/approvals/policies?notice=created&name=" + java.net.URLEncoder.encode(created.name(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @PostMapping("/approvals/policies/{id}/delete")
    String delete(@PathVariable String id, Operator operator, HttpServletRequest request) {
        approvals.deletePolicy(operator, Caller.of(request), id);
        return "redirect:/approvals/policies?notice=deleted";
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(w -> !w.isBlank()).toList();
    }

    private static Map<String, String> tagLines(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw ApprovalFailure.invalid("tags: one Key=Value per line, not '" + line.strip() + "'");
            }
            tags.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return tags;
    }
}
