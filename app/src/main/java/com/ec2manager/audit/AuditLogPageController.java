package com.ec2manager.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.web.FailureStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log page: filters, one page of records with the fields of each row's kind behind it,
 * paging both ways and the export of the current filter. Bad filters and an unavailable trail are
 * shown on the page itself, with the filter form still there to fix them.
 *
 * <p>Cursors only lead to older records, so the way back is carried in the links: {@code back}
 * holds the cursors of the pages before this one ({@link #FIRST_PAGE} for the first), at most
 * {@link #MAX_BACK} of them, which keeps a link well below the servers' header limits.
 */
@Controller
class AuditLogPageController {

    static final String FIRST_PAGE = "-";
    /** Marks a step on the way back that is a page of the archive (its {@code archiveBefore}), not a table cursor. */
    private static final String ARCHIVE_POSITION = "archive:";
    static final int MAX_BACK = 4;
    static final List<Integer> PAGE_SIZES = List.of(20, 50, 100, 200);

    private final AuditTrail audit;
    private final AuditFilterResolver filters;
    private final AuditArchiveReach archive;

    AuditLogPageController(AuditTrail audit, AuditFilterResolver filters, AuditArchiveReach archive) {
        this.audit = audit;
        this.filters = filters;
        this.archive = archive;
    }

    /** Where this page stands: its number and the first record's position (both from 1). */
    record PageInfo(int number, int first, int last, int size) {
    }

    @GetMapping("/audit")
    String page(@ModelAttribute("filter") AuditFilter filter,
                @RequestParam(name = "back", required = false) List<String> back,
                @RequestParam(name = "page", defaultValue = "1") int number,
                @RequestParam(name = "archiveBefore", required = false) String archiveBefore,
                Model model, HttpServletResponse response) {
        List<String> way = back == null ? List.of() : back.stream().filter(c -> !c.isBlank()).limit(MAX_BACK).toList();
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("outcomes", AuditOutcome.values());
        model.addAttribute("pageSizes", PAGE_SIZES);
        model.addAttribute("exportQuery", filter.withCursor(null).toQueryString());
        try {
            AuditQuery query = filters.toQuery(filter);
            int size = query.pageSize();
            Instant cutoff = archive.cutoff();
            boolean reachesArchive = archive.reaches(query);
            AuditPage page;
            String nextQuery;
            int current;
            if (reachesArchive && (archiveBefore != null || archive.beforeTable(query, cutoff))) {
                // past the table's retention: a page of the archive, older than the last record shown
                String before = archiveBefore == null || archiveBefore.isBlank() ? null : archiveBefore;
                current = before == null ? 1 : Math.max(2, number);
                List<AuditRecord> records = older(query, cutoff, before, size);
                page = new AuditPage(records.subList(0, Math.min(size, records.size())), null);
                String here = before == null ? FIRST_PAGE : ARCHIVE_POSITION + before;
                nextQuery = records.size() > size
                        ? archivePage(filter, way, here, page.records().get(size - 1), current) : null;
                model.addAttribute("previousQuery", current > 1 ? previousQuery(filter, way, current) : null);
                model.addAttribute("firstQuery", current > 2 ? filter.withCursor(null).toQueryString() : null);
            } else {
                AuditPage table = audit.query(reachesArchive ? archive.tablePart(query, cutoff) : query);
                current = filter.cursor() == null ? 1 : Math.max(2, number);
                page = table;
                nextQuery = table.hasNext() ? nextQuery(filter, way, table.nextCursor(), current) : null;
                if (reachesArchive && !table.hasNext()) {
                    // the table's last page: the archive's records fill it and come next
                    int room = size - table.records().size();
                    List<AuditRecord> older = older(query, cutoff, null, room);
                    List<AuditRecord> shown = new ArrayList<>(table.records());
                    shown.addAll(older.subList(0, Math.min(room, older.size())));
                    page = new AuditPage(shown, null);
                    // every archived record is older than every record of the table
                    String here = filter.cursor() == null ? FIRST_PAGE : filter.cursor();
                    nextQuery = older.size() > room
                            ? archivePage(filter, way, here, shown.get(shown.size() - 1), current) : null;
                }
                model.addAttribute("previousQuery", filter.cursor() != null ? previousQuery(filter, way, current) : null);
                model.addAttribute("firstQuery", current > 2 ? filter.withCursor(null).toQueryString() : null);
            }
            int first = (current - 1) * size + 1;
            model.addAttribute("records", page.records());
            model.addAttribute("pageInfo", new PageInfo(current, first, first + page.records().size() - 1, size));
            model.addAttribute("nextQuery", nextQuery);
            // says that records older than the table's retention are read from the archive
            model.addAttribute("archiveUntil", reachesArchive ? cutoff : null);
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("records", List.of());
            model.addAttribute(FailureStatus.isClientError(e.kind()) ? "invalid" : "failure", e.getMessage());
        }
        return "audit/log";
    }

    private static String nextQuery(AuditFilter filter, List<String> way, String next, int current) {
        return filter.withCursor(next).toQueryString()
                + backParameters(wayOn(way, filter.cursor() == null ? FIRST_PAGE : filter.cursor()))
                + "&page=" + (current + 1);
    }

    /** The way back, one page longer: the oldest steps fall off past {@link #MAX_BACK}. */
    private static List<String> wayOn(List<String> way, String here) {
        List<String> longer = new ArrayList<>(way);
        longer.add(here);
        while (longer.size() > MAX_BACK) {
            longer.remove(0);
        }
        return longer;
    }

    /** The page before: the last cursor on the way back, or the first page when the way is lost. */
    private static String previousQuery(AuditFilter filter, List<String> way, int current) {
        if (way.isEmpty()) {
            return filter.withCursor(null).toQueryString();
        }
        String cursor = way.get(way.size() - 1);
        if (FIRST_PAGE.equals(cursor)) {
            return filter.withCursor(null).toQueryString();
        }
        String back = backParameters(way.subList(0, way.size() - 1)) + "&page=" + (current - 1);
        if (cursor.startsWith(ARCHIVE_POSITION)) {
            return filter.withCursor(null).toQueryString() + "&archiveBefore="
                    + encode(cursor.substring(ARCHIVE_POSITION.length())) + back;
        }
        return filter.withCursor(cursor).toQueryString() + back;
    }

    /** Up to {@code size} + 1 archived records older than {@code before} (the one more tells whether a next page exists). */
    private List<AuditRecord> older(AuditQuery query, Instant cutoff, String before, int size) {
        try (var older = archive.older(query, cutoff, before)) {
            return older.limit(size + 1L).toList();
        }
    }

    /** The archive's page after {@code last}; {@code here} is this page's step on the way back. */
    private static String archivePage(AuditFilter filter, List<String> way, String here, AuditRecord last, int current) {
        return filter.withCursor(null).toQueryString() + "&archiveBefore=" + encode(AuditArchiveReach.position(last))
                + backParameters(wayOn(way, here)) + "&page=" + (current + 1);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String backParameters(List<String> cursors) {
        StringBuilder parameters = new StringBuilder();
        for (String cursor : cursors) {
            parameters.append("&back=").append(java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
        }
        return parameters.toString();
    }
}
