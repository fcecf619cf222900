package com.ec2manager.instances;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.ec2manager.audit.AuditPage;
import com.ec2manager.web.FailureStatus;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.identity.Operator;
import com.ec2manager.failure.ApplicationException;
import com.ec2manager.web.Caller;
import com.ec2manager.web.RequestIdFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The instances pages: the fleet table (filters, search, sorting, multi-select with bulk
 * actions), one instance with its audit history, and the forms that act. Actions go through
 * {@link InstanceActions}, the audited action path, exactly as the JSON API's do; a refusal or
 * failure is shown on the page it came from.
 */
@Controller
class InstancesPageController {

    private static final int HISTORY_SIZE = 20;

    private final InstanceListing listing;
    private final Inventory inventory;
    private final Ec2Gateway gateway;
    private final InstanceActions actions;
    private final AuditTrail audit;
    private final ProtectionReader protections;

    InstancesPageController(InstanceListing listing, Inventory inventory, Ec2Gateway gateway, InstanceActions actions,
                            AuditTrail audit, ProtectionReader protections) {
        this.listing = listing;
        this.inventory = inventory;
        this.gateway = gateway;
        this.actions = actions;
        this.audit = audit;
        this.protections = protections;
    }

    /**
     * What the filter form sends; every field may be empty.
     *
     * @param page the 1-based page of the table
     * @param size rows per page (one of {@link InstanceColumns#PAGE_SIZES}); null: the person's choice
     */
    record Filter(String account, String region, String state, String type, String zone, String tag, String q,
                         String sort, Integer page, Integer size) {

        InstanceQuery toQuery() {
            return InstanceQuery.of(list(account), list(region), list(state), list(type), list(zone), list(tag), q, sort);
        }

        int pageNumber() {
            return page == null || page < 1 ? 1 : page;
        }

        public boolean isEmpty() {
            return blank(account) && blank(region) && blank(state) && blank(type) && blank(zone) && blank(tag) && blank(q);
        }

        /** The query string of this filter with another sort or page, for links. */
        public String with(String newSort, Integer newPage) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("account", account);
            parameters.put("region", region);
            parameters.put("state", state);
            parameters.put("type", type);
            parameters.put("zone", zone);
            parameters.put("tag", tag);
            parameters.put("q", q);
            parameters.put("sort", newSort);
            parameters.put("page", newPage == null || newPage <= 1 ? null : newPage.toString());
            parameters.put("size", size == null ? null : size.toString());
            StringBuilder query = new StringBuilder();
            parameters.forEach((name, value) -> {
                if (!blank(value)) {
                    query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                            .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
                }
            });
            return query.toString();
        }

        /** The query string of this filter, first page, with another page size. */
        public String withSize(int newSize) {
            return new Filter(account, region, state, type, zone, tag, q, sort, null, newSize).with(sort, null);
        }

        /** The sort a column header links to: ascending first, descending when already ascending. */
        public String sortLink(String key) {
            String current = blank(sort) ? InstanceSort.DEFAULT.toString() : sort.trim();
            return with(current.equals(key) ? "-" + key : key, null);
        }

        /** {@code ascending}, {@code descending} or null, for a column's aria-sort. */
        public String sortState(String key) {
            String current = blank(sort) ? InstanceSort.DEFAULT.toString() : sort.trim();
            return current.equals(key) ? "ascending" : current.equals("-" + key) ? "descending" : null;
        }

        private static List<String> list(String value) {
            return blank(value) ? List.of() : List.of(value);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    @GetMapping("/instances")
    String list(Filter filter, Operator operator, Model model, HttpServletRequest request, HttpServletResponse response) {
        InstanceColumns chosen = InstanceColumns.of(request, operator.email());
        model.addAttribute("cols", chosen);
        model.addAttribute("columns", InstanceColumns.COLUMNS);
        model.addAttribute("pageSizes", InstanceColumns.PAGE_SIZES);
        int size = filter.size() != null && InstanceColumns.PAGE_SIZES.contains(filter.size()) ? filter.size()
                : chosen.pageSize();
        model.addAttribute("pageSize", size);
        fillList(filter, size, operator, model, response);
        response.addHeader("Vary", "HX-Request, HX-Target");
        return swapsResults(request) ? "instances/results" : "instances/list";
    }

    /**
     * An htmx request that swaps the results in (a filter change, the poll while the inventory
     * loads) gets only what it swaps; a history restore (Back, with htmx's history cache off) gets
     * the whole page.
     */
    private static boolean swapsResults(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"))
                && "instances-results".equals(request.getHeader("HX-Target"))
                && request.getHeader("HX-History-Restore-Request") == null;
    }

    /**
     * The column chooser: the columns ticked and the page size, remembered in the person's cookie
     * ({@link InstanceColumns}); back to the list with the same filter.
     */
    @PostMapping("/instances/columns")
    String columns(Filter filter, @RequestParam(required = false) List<String> show,
                   @RequestParam(required = false) Integer rows, Operator operator, HttpServletRequest request,
                   HttpServletResponse response) {
        InstanceColumns chosen = InstanceColumns.chosen(show, rows);
        Cookie cookie = new Cookie(InstanceColumns.cookieName(operator.email()), chosen.cookieValue());
        cookie.setPath("/instances");
        cookie.setMaxAge(InstanceColumns.COOKIE_SECONDS);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        Filter unsized = new Filter(filter.account(), filter.region(), filter.state(), filter.type(), filter.zone(),
                filter.tag(), filter.q(), filter.sort(), null, null);
        return "redirect:/instances" + unsized.with(filter.sort(), null);
    }

    /** One row of the table, polled by the page while the instance is in transition. */
    @GetMapping("/instances/{account}/{region}/{id}/row")
    String row(@PathVariable String account, @PathVariable String region, @PathVariable String id, Operator operator,
               Model model, HttpServletRequest request) {
        model.addAttribute("i", listing.find(account, region, id));
        model.addAttribute("admin", operator.isAdmin());
        model.addAttribute("cols", InstanceColumns.of(request, operator.email()));
        return "instances/list :: row";
    }

    /** A person asks for fresh pictures of the account-regions the filter names (rate limited); back to the list. */
    @PostMapping("/instances/refresh")
    String refresh(Filter filter, RedirectAttributes redirect) {
        Set<String> accounts = filter.toQuery().accounts();
        Set<String> regions = filter.toQuery().regions();
        try {
            List<String> accepted = inventory.requestRefresh(where -> (accounts.isEmpty() || accounts.contains(where.accountId()))
                    && (regions.isEmpty() || regions.contains(where.region())));
            redirect.addFlashAttribute("refreshNotice", accepted.size() + " account-regions will be read again within seconds");
        } catch (RefreshTooSoonException e) {
            redirect.addFlashAttribute("refreshNotice", e.getMessage());
        }
        return "redirect:/instances" + filter.with(filter.sort(), filter.page());
    }

    /**
     * One instance, at its address: account, region and id. After an action the browser is sent here
     * (post/redirect/get) with {@code acted} and {@code request}, and the page confirms it from the
     * audit record of that request.
     */
    @GetMapping("/instances/{account}/{region}/{id}")
    String detail(@PathVariable String account, @PathVariable String region, @PathVariable String id,
                  @RequestParam(required = false) String acted, @RequestParam(required = false) String request,
                  Operator operator, Model model) {
        fillDetail(account, region, id, operator, model);
        if (acted != null && request != null) {
            model.addAttribute("acted", InstanceAction.fromValue(acted).map(InstanceAction::value).orElse(null));
            @SuppressWarnings("unchecked")
            List<com.ec2manager.audit.AuditRecord> history = (List<com.ec2manager.audit.AuditRecord>) model.getAttribute("history");
            history.stream().filter(record -> request.equals(record.requestId())).findFirst()
                    .ifPresent(record -> model.addAttribute("actedRecord", record));
        }
        return "instances/detail";
    }

    /**
     * The address of an instance by id alone (older links, the audit log's resource ids): moved
     * permanently to its address with account and region.
     */
    @GetMapping("/instances/{id}")
    RedirectView detailById(@PathVariable String id, @RequestParam(required = false) String account,
                            @RequestParam(required = false) String region) {
        RedirectView moved = new RedirectView(addressOf(listing.find(account, region, id)), true);
        moved.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
        moved.setExposeModelAttributes(false);
        return moved;
    }

    @PostMapping("/instances/{account}/{region}/{id}/{action}")
    String act(@PathVariable String account, @PathVariable String region, @PathVariable String id,
               @PathVariable String action, @RequestParam(required = false) String reason,
               @RequestParam(required = false) Boolean confirmAutoScaling,
               Operator operator, HttpServletRequest request, HttpServletResponse response, Model model) {
        return act(account, region, id, action, new ActionRequest(reason, confirmAutoScaling), operator, request,
                response, model);
    }

    /** The form of pages rendered before instances had their account and region in the address. */
    @PostMapping("/instances/{id}/{action}")
    String actById(@PathVariable String id, @PathVariable String action,
                   @RequestParam(required = false) String reason,
                   @RequestParam(required = false) Boolean confirmAutoScaling,
                   Operator operator, HttpServletRequest request, HttpServletResponse response, Model model) {
        return act(null, null, id, action, new ActionRequest(reason, confirmAutoScaling), operator, request, response,
                model);
    }

    private String act(String account, String region, String id, String action, ActionRequest body, Operator operator,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        InstanceAction known = InstanceAction.fromValue(action).orElseThrow(() -> new UnknownActionException(action));
        try {
            actions.perform(operator, Caller.of(request), known, account, region, id, body);
            // post/redirect/get: reloading the page that follows must not act again
            return "redirect:" + addressOf(listing.find(id, Ec2Caller.user(operator.email()))) + "?acted=" + known.value()
                    + "&request=" + java.net.URLEncoder.encode(RequestIdFilter.idOf(request),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (ApplicationException refused) {
            try {
                fillDetail(account, region, id, operator, model);
            } catch (ApplicationException noPageToShowItOn) {
                // e.g. a readonly person acting on an unknown id: the refusal is the answer, not the 404
                throw refused;
            }
            FailureStatus.applyTo(response, refused);
            model.addAttribute("actionError", pageWords(refused, known));
            // the dialog opens again with what the person typed: a refusal never costs them their reason
            model.addAttribute("retryAction", known.value());
            model.addAttribute("retryReason", body.reason());
            return "instances/detail";
        }
    }

    /** A refusal in the words of the page rather than of the API (the audit record keeps the API's). */
    private static String pageWords(ApplicationException refused, InstanceAction action) {
        if (AutoScalingConfirmationRequiredException.CODE.equals(refused.code())) {
            return "This instance belongs to an Auto Scaling group, which may replace or restart it. Tick "
                    + "\u201cI understand the Auto Scaling group may react\u201d to " + action.value() + " it anyway.";
        }
        return refused.getMessage();
    }

    /** An instance's page: {@code /instances/{account}/{region}/{id}}. */
    static String addressOf(Instance instance) {
        return "/instances/" + instance.accountId() + "/" + instance.region() + "/" + instance.id();
    }

    private void fillList(Filter filter, int pageSize, Operator operator, Model model, HttpServletResponse response) {
        model.addAttribute("filter", filter);
        model.addAttribute("admin", operator.isAdmin());
        model.addAttribute("states", List.of(InstanceState.PENDING, InstanceState.RUNNING, InstanceState.STOPPING,
                InstanceState.STOPPED, InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED));
        model.addAttribute("actions", InstanceAction.values());
        model.addAttribute("progress", inventory.progress());
        try {
            // the page number is clamped to the last page once the total is known
            InstanceQuery query = filter.toQuery();
            InstancePage first = listing.page(query, (filter.pageNumber() - 1) * pageSize, pageSize);
            int pages = Math.max(1, (first.total() + pageSize - 1) / pageSize);
            int page = Math.min(filter.pageNumber(), pages);
            InstancePage shown = page == filter.pageNumber() ? first : listing.page(query, (page - 1) * pageSize, pageSize);
            model.addAttribute("instances", shown.instances());
            model.addAttribute("total", shown.total());
            model.addAttribute("page", page);
            model.addAttribute("pages", pages);
            model.addAttribute("facets", shown.facets());
            model.addAttribute("freshness", shown.freshness());
            model.addAttribute("oldestAge", shown.freshness().stream().map(Freshness::ageSeconds)
                    .filter(java.util.Objects::nonNull).max(Long::compare).orElse(null));
            model.addAttribute("regions", shown.facets().get("region").stream().map(InstancePage.FacetCount::value).toList());
            model.addAttribute("types", new TreeSet<>(shown.facets().get("type").stream()
                    .map(InstancePage.FacetCount::value).toList()));
        } catch (ApplicationException e) {
            FailureStatus.applyTo(response, e);
            model.addAttribute("instances", List.of());
            model.addAttribute("freshness", List.of());
            model.addAttribute("facets", Map.of());
            model.addAttribute("regions", List.of());
            model.addAttribute(FailureStatus.isClientError(e.kind()) ? "invalid" : "failure", e.getMessage());
        }
    }

    private void fillDetail(String account, String region, String id, Operator operator, Model model) {
        Ec2Caller caller = Ec2Caller.user(operator.email());
        Instance instance = listing.find(account, region, id);
        Protection protection = gateway.describeProtection(listing.where(instance), instance.id(), caller);
        // the table's flags follow what this page has just read
        protections.learnt(listing.where(instance), instance.id(), protection);
        InstanceDetail detail = InstanceDetail.of(instance, protection);
        model.addAttribute("i", detail);
        model.addAttribute("admin", operator.isAdmin());
        model.addAttribute("allowed", allowedActions(detail));
        try {
            AuditPage history = audit.query(AuditQuery.byResource(id).withLimit(HISTORY_SIZE));
            model.addAttribute("history", history.records());
            model.addAttribute("historyMore", history.hasNext());
        } catch (ApplicationException e) {
            model.addAttribute("history", List.of());
            model.addAttribute("historyFailure", e.getMessage());
        }
    }

    /** The actions EC2 would accept in the instance's state. */
    static List<String> allowedActions(InstanceDetail detail) {
        return java.util.Arrays.stream(InstanceAction.values()).filter(action -> action.appliesTo(detail.state()))
                .map(InstanceAction::value).toList();
    }
}
