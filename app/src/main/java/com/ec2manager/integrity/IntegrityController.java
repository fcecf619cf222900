package com.ec2manager.integrity;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.ec2manager.audit.AuditActor;
import com.ec2manager.failure.NotPermittedException;
import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audit trail's integrity in the console, for administrators: run the verifier over a range
 * and read its findings; see and acknowledge tamper alarms.
 */
@Controller
class IntegrityController {

    private static final String RANGE_FORMAT = "From and to are ISO-8601 instants, such as 2026-01-31T00:00:00Z.";

    private final AuditVerifier verifier;
    private final TamperAlarms alarms;

    IntegrityController(AuditVerifier verifier, TamperAlarms alarms) {
        this.verifier = verifier;
        this.alarms = alarms;
    }

    @GetMapping("/integrity")
    String page(Operator operator, Model model) {
        requireAdmin(operator);
        Instant now = Instant.now();
        model.addAttribute("from", now.minus(Duration.ofDays(1)).toString());
        model.addAttribute("to", now.toString());
        model.addAttribute("alarms", alarms.open());
        return "integrity/verify";
    }

    @PostMapping("/integrity/verify")
    String verify(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  Operator operator, Model model) {
        // the role first: a missing field must not tell a readonly person more than that they may not
        requireAdmin(operator);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("alarms", alarms.open());
        try {
            if (from == null || to == null) {
                model.addAttribute("error", RANGE_FORMAT);
            } else {
                model.addAttribute("report", verifier.verify(Instant.parse(from.trim()), Instant.parse(to.trim())));
            }
        } catch (DateTimeParseException e) {
            model.addAttribute("error", RANGE_FORMAT);
        }
        return "integrity/verify";
    }

    /** The admins' banner of open alarms, loaded into the dashboard; empty for everyone else. */
    @GetMapping("/integrity/alarms/banner")
    String banner(Operator operator, Model model) {
        model.addAttribute("alarms", operator.isAdmin() ? alarms.open() : java.util.List.of());
        return "integrity/alarms :: banner";
    }

    @PostMapping("/integrity/alarms/{id}/acknowledge")
    String acknowledge(@PathVariable String id, Operator operator, HttpServletRequest request,
                       RedirectAttributes redirect) {
        Caller caller = Caller.of(request);
        boolean done = alarms.acknowledge(id, operator.isAdmin(), new AuditActor(operator.userId(), operator.email(), caller.ipAddress(),
                caller.userAgent()), caller.requestId()).isPresent();
        redirect.addAttribute("notice", done ? "The alarm is acknowledged." : "That alarm was acknowledged already.");
        return "redirect:/integrity";
    }

    private static void requireAdmin(Operator operator) {
        if (!operator.isAdmin()) {
            throw new NotPermittedException("Only administrators may check the audit trail's integrity.");
        }
    }
}
