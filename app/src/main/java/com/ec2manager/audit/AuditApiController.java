package com.ec2manager.audit;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail's JSON API: one page of records per call, newest first, with a cursor to the next. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

    private final AuditTrail audit;
    private final AuditFilterResolver filters;

    AuditApiController(AuditTrail audit, AuditFilterResolver filters) {
        this.audit = audit;
        this.filters = filters;
    }

    @GetMapping
    AuditPageBody page(@ModelAttribute AuditFilter filter) {
        AuditQuery query = filters.toQuery(filter);
        AuditPage page = audit.query(query);
        return new AuditPageBody(page.records().stream().map(AuditEntry::of).toList(), page.nextCursor(),
                query.pageSize());
    }

    /**
     * One page of the audit trail.
     *
     * @param records    the records, newest first
     * @param nextCursor pass as {@code cursor} for the next page; null after the last
     * @param limit      the page size used
     */
    record AuditPageBody(List<AuditEntry> records, String nextCursor, int limit) {
    }
}
