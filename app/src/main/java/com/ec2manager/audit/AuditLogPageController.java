package com.ec2manager.audit;

import java.util.List;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.web.FailureStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The audit log page: filters, one page of records with every field behind each row, cursor
 * paging and the export of the current filter. Bad filters and an unavailable trail are shown
 * on the page itself, with the filter form still there to fix them.
 */
@Controller
class AuditLogPageController {

    private final AuditTrail audit;
    private final AuditFilterResolver filters;

    AuditLogPageController(AuditTrail audit, AuditFilterResolver filters) {
        this.audit = audit;
        this.filters = filters;
    }

    @GetMapping("/audit")
    String page(@ModelAttribute("filter") AuditFilter filter, Model model, HttpServletResponse response) {
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("exportQuery", filter.withCursor(null).toQueryString());
        try {
            AuditPage page = audit.query(filters.toQuery(filter));
            model.addAttribute("records", page.records());
            model.addAttribute("nextQuery", page.hasNext() ? filter.withCursor(page.nextCursor()).toQueryString() : null);
            model.addAttribute("firstQuery", filter.cursor() != null ? filter.withCursor(null).toQueryString() : null);
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("records", List.of());
            model.addAttribute(FailureStatus.isClientError(e.kind()) ? "invalid" : "failure", e.getMessage());
        }
        return "audit/log";
    }
}
