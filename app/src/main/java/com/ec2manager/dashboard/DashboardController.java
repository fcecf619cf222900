package com.ec2manager.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.identity.Operator;
import com.ec2manager.instances.Ec2Caller;
import com.ec2manager.instances.Instance;
import com.ec2manager.instances.InstanceList;
import com.ec2manager.instances.InstanceListing;
import com.ec2manager.instances.InstanceQuery;
import com.ec2manager.instances.InstanceState;
import com.ec2manager.failure.ApplicationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The fleet at a glance: instances by state and by region, recent activity, and the actions
 * that failed or are still PENDING. Each panel fails on its own: an unavailable audit trail
 * does not hide the fleet, and the other way round.
 */
@Controller
class DashboardController {

    private static final int RECENT = 10;
    private static final int ATTENTION = 10;
    /** How far back, and through how many records at most, the attention panel looks. */
    private static final Duration ATTENTION_WINDOW = Duration.ofDays(7);
    private static final int ATTENTION_SCAN = 2000;

    private final InstanceListing listing;
    private final AuditTrail audit;
    private final Clock clock;

    DashboardController(InstanceListing listing, AuditTrail audit, Clock clock) {
        this.listing = listing;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One bar of a chart.
     *
     * @param percent the bar's length relative to the longest bar, 0..100
     */
    public record Bar(String label, long count, String style, double percent) {
    }

    @GetMapping("/")
    String dashboard(Operator operator, Model model) {
        fleet(operator, model);
        activity(model);
        return "dashboard/index";
    }

    private void fleet(Operator operator, Model model) {
        try {
            InstanceList list = listing.list(InstanceQuery.ALL, Ec2Caller.user(operator.email()));
            Map<InstanceState, Long> byState = new EnumMap<>(InstanceState.class);
            Map<String, Long> byRegion = new TreeMap<>();
            for (Instance instance : list.instances()) {
                byState.merge(instance.state(), 1L, Long::sum);
                byRegion.merge(instance.region(), 1L, Long::sum);
            }
            long max = Math.max(1, byState.values().stream().mapToLong(Long::longValue).max().orElse(1));
            List<Bar> states = new ArrayList<>();
            for (InstanceState state : List.of(InstanceState.RUNNING, InstanceState.STOPPED, InstanceState.PENDING,
                    InstanceState.STOPPING, InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED)) {
                long count = byState.getOrDefault(state, 0L);
                states.add(new Bar(state.value(), count, "bar--" + state.value(), 100.0 * count / max));
            }
            long maxRegion = Math.max(1, byRegion.values().stream().mapToLong(Long::longValue).max().orElse(1));
            List<Bar> regions = byRegion.entrySet().stream()
                    .map(entry -> new Bar(entry.getKey(), entry.getValue(), "bar--region",
                            100.0 * entry.getValue() / maxRegion)).toList();
            long transition = byState.getOrDefault(InstanceState.PENDING, 0L)
                    + byState.getOrDefault(InstanceState.STOPPING, 0L)
                    + byState.getOrDefault(InstanceState.SHUTTING_DOWN, 0L);
            model.addAttribute("total", (long) list.instances().size());
            model.addAttribute("running", byState.getOrDefault(InstanceState.RUNNING, 0L));
            model.addAttribute("stopped", byState.getOrDefault(InstanceState.STOPPED, 0L));
            model.addAttribute("transition", transition);
            model.addAttribute("stateBars", states);
            model.addAttribute("regionBars", regions);
            model.addAttribute("failedRegions", list.failedRegions());
        } catch (ApplicationException e) {
            model.addAttribute("fleetFailure", e.getMessage());
            model.addAttribute("failedRegions", List.of());
        }
    }

    private void activity(Model model) {
        try {
            model.addAttribute("recent", audit.query(AuditQuery.all().withLimit(RECENT)).records());
            Instant now = clock.instant();
            List<AuditRecord> attention;
            try (Stream<AuditRecord> records = audit.stream(AuditQuery.all().between(now.minus(ATTENTION_WINDOW), null))) {
                attention = records.limit(ATTENTION_SCAN)
                        .filter(record -> record.outcome() == AuditOutcome.FAILED || record.outcome() == AuditOutcome.PENDING)
                        .limit(ATTENTION).toList();
            }
            model.addAttribute("attention", attention);
        } catch (ApplicationException e) {
            model.addAttribute("recent", List.of());
            model.addAttribute("attention", List.of());
            model.addAttribute("activityFailure", e.getMessage());
        }
    }
}
