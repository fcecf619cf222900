package com.ec2manager.instances;

import java.util.List;

import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The instances' JSON API: list, detail, actions on one instance and bulk actions. */
@RestController
@RequestMapping("/api/v1/instances")
class InstancesApiController {


    private final InstanceListing listing;
    private final Ec2Gateway gateway;
    private final InstanceActions actions;

    InstancesApiController(InstanceListing listing, Ec2Gateway gateway, InstanceActions actions) {
        this.listing = listing;
        this.gateway = gateway;
        this.actions = actions;
    }

    @GetMapping
    InstanceList list(@RequestParam(required = false) List<String> region,
                      @RequestParam(required = false) List<String> state,
                      @RequestParam(required = false) List<String> type,
                      @RequestParam(required = false) List<String> tag,
                      @RequestParam(required = false) String q,
                      @RequestParam(required = false) String sort,
                      Operator operator) {
        return listing.list(InstanceQuery.of(region, state, type, tag, q, sort), Ec2Caller.user(operator.email()));
    }

    @GetMapping("/{id}")
    InstanceDetail detail(@PathVariable String id, Operator operator) {
        Ec2Caller caller = Ec2Caller.user(operator.email());
        Instance instance = listing.find(id, caller);
        return InstanceDetail.of(instance, gateway.describeProtection(instance.region(), instance.id(), caller));
    }

    @PostMapping("/{id}/{action}")
    ActionResult act(@PathVariable String id, @PathVariable String action,
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
