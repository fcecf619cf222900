package com.ec2manager.instances;

import java.util.List;
import java.util.Set;

import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The instances' JSON API: list (from the inventory: filters, search, facets, sorting, a page of
 * {@code limit} after {@code cursor}), detail, a refresh of the inventory, actions on one instance
 * and bulk actions.
 */
@RestController
@RequestMapping("/api/v1/instances")
class InstancesApiController {

    static final int DEFAULT_LIMIT = 100;

    private final InstanceListing listing;
    private final Inventory inventory;
    private final Ec2Gateway gateway;
    private final InstanceActions actions;

    InstancesApiController(InstanceListing listing, Inventory inventory, Ec2Gateway gateway, InstanceActions actions) {
        this.listing = listing;
        this.inventory = inventory;
        this.gateway = gateway;
        this.actions = actions;
    }

    @GetMapping
    InstancePage list(@RequestParam(required = false) List<String> account,
                      @RequestParam(required = false) List<String> region,
                      @RequestParam(required = false) List<String> state,
                      @RequestParam(required = false) List<String> type,
                      @RequestParam(required = false) List<String> zone,
                      @RequestParam(required = false) List<String> tag,
                      @RequestParam(required = false) String q,
                      @RequestParam(required = false) String sort,
                      @RequestParam(required = false) Integer limit,
                      @RequestParam(required = false) String cursor) {
        return listing.page(InstanceQuery.of(account, region, state, type, zone, tag, q, sort), cursor,
                limit == null ? DEFAULT_LIMIT : limit);
    }

    /** One instance at its address: account, region and id. */
    @GetMapping("/{account}/{region}/{id}")
    InstanceDetail detail(@PathVariable String account, @PathVariable String region, @PathVariable String id,
                          Operator operator) {
        return detailOf(listing.find(account, region, id), operator);
    }

    /** One instance by id alone (ids are unique across accounts); {@code account} and {@code region} narrow it. */
    @GetMapping("/{id}")
    InstanceDetail detailById(@PathVariable String id, @RequestParam(required = false) String account,
                              @RequestParam(required = false) String region, Operator operator) {
        return detailOf(listing.find(account, region, id), operator);
    }

    private InstanceDetail detailOf(Instance instance, Operator operator) {
        return InstanceDetail.of(instance, gateway.describeProtection(listing.where(instance), instance.id(),
                Ec2Caller.user(operator.email())));
    }

    /**
     * Asks for fresh pictures of the named accounts and regions (all when none are named); at most
     * once per {@code manual-refresh-interval} each, else 429.
     *
     * @param accepted the account-regions that will be read within seconds
     */
    record RefreshAccepted(List<String> accepted) {
    }

    @PostMapping("/refresh")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RefreshAccepted refresh(@RequestParam(required = false) List<String> account,
                            @RequestParam(required = false) List<String> region) {
        InstanceQuery scope = InstanceQuery.of(account, region, null, null, null, null, null, null);
        Set<String> accounts = scope.accounts();
        Set<String> regions = scope.regions();
        return new RefreshAccepted(inventory.requestRefresh(where -> (accounts.isEmpty() || accounts.contains(where.accountId()))
                && (regions.isEmpty() || regions.contains(where.region()))));
    }

    /** An action on the instance at its address; 404 when the address names another account or region. */
    @PostMapping("/{account}/{region}/{id}/{action}")
    ActionResult act(@PathVariable String account, @PathVariable String region, @PathVariable String id,
                     @PathVariable String action, @RequestBody(required = false) ActionRequest body, Operator operator,
                     HttpServletRequest request) {
        InstanceAction known = InstanceAction.fromValue(action).orElseThrow(() -> new UnknownActionException(action));
        return actions.perform(operator, Caller.of(request), known, account, region, id, body);
    }

    /** An action on the instance of that id, in whichever account and region it lives. */
    @PostMapping("/{id}/{action}")
    ActionResult actById(@PathVariable String id, @PathVariable String action,
                         @RequestBody(required = false) ActionRequest body, Operator operator,
                         HttpServletRequest request) {
        InstanceAction known = InstanceAction.fromValue(action).orElseThrow(() -> new UnknownActionException(action));
        return actions.perform(operator, Caller.of(request), known, id, body);
    }

    @PostMapping("/actions")
    BulkActionResult bulk(@RequestBody(required = false) BulkActionRequest body, Operator operator,
                          HttpServletRequest request) {
        return actions.performBulk(operator, Caller.of(request), body);
    }
}
