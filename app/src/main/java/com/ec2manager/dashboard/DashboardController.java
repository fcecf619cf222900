package com.ec2manager.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.ec2manager.audit.AuditOutcome;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditQuery;
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
 * The fleet at a glance: instances by state per region, actions per day, recent activity, and
 * the actions that failed, were denied or are still PENDING. Each panel fails on its own: an
 * unavailable audit trail does not hide the fleet, and the other way round. The audit panels
 * read only what they show: DynamoDB filters the attention panel's outcomes, and the chart
 * reads finished days once ({@link DailyActivity}).
 */
@Controller
class DashboardController {

    private static final int RECENT = 10;
    private static final int ATTENTION = 10;
    /** How far back the attention panel looks. */
    private static final Duration ATTENTION_WINDOW = Duration.ofDays(7);
    static final Set<AuditOutcome> NEEDS_ATTENTION = EnumSet.of(AuditOutcome.FAILED, AuditOutcome.DENIED,
            AuditOutcome.PENDING);
    private static final List<InstanceState> STATE_ORDER = List.of(InstanceState.RUNNING, InstanceState.STOPPED,
            InstanceState.PENDING, InstanceState.STOPPING, InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);

    private final InstanceListing listing;
    private final AuditTrail audit;
    private final DailyActivity activity;
    private final Clock clock;

    DashboardController(InstanceListing listing, AuditTrail audit, DailyActivity activity, Clock clock) {
        this.listing = listing;
        this.audit = audit;
        this.activity = activity;
        this.clock = clock;
    }

    /**
     * One bar of a chart.
     *
     * @param percent the bar's length relative to the longest bar, 0..100
     */
    public record Bar(String label, long count, String style, double percent) {
    }

    /**
     * One row of the state matrix: an account-region and its count per state (in the order of the
     * columns); the rows of an account follow each other, the first one carrying the account's
     * name across all of them.
     *
     * @param accountRows on an account's first row, how many rows it has; 0 on the others
     */
    public record MatrixRow(String accountId, String accountName, String region, List<Long> counts, long total,
                            int accountRows) {
    }

    /** A running instance that did almost nothing over the last 24 hours: worth stopping. */
    public record IdleInstance(Instance instance, String cpu) {
    }

    /** The names of the instances the shown records acted on: looked up for those alone, by id. */
    private Map<String, String> namesOf(List<AuditRecord> recent, List<AuditRecord> attention) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (List<AuditRecord> records : List.of(recent, attention)) {
            records.stream().filter(r -> r.resourceType() == com.ec2manager.audit.ResourceType.EC2_INSTANCE)
                    .map(AuditRecord::resourceId).forEach(ids::add);
        }
        Map<String, String> names = new HashMap<>();
        listing.locate(ids, Ec2Caller.system("dashboard")).found().forEach((id, instance) -> {
            if (instance.name() != null && !instance.name().isBlank()) {
                names.put(id, instance.name());
            }
        });
        return names;
    }

    /** Average CPU below which a running instance is called idle. */
    static final double IDLE_CPU = 5.0;
    private static final int IDLE_SHOWN = 8;

    @GetMapping("/")
    String dashboard(Operator operator, Model model) {
        fleet(operator, model);
        activity(model);
        return "dashboard/index";
    }

    /** The chart of actions per day, loaded after the page so that it never holds the page up. */
    @GetMapping("/dashboard/activity")
    String activityChart(Model model) {
        try {
            model.addAttribute("chart", ActivityChart.of(activity.lastDays()));
        } catch (ApplicationException e) {
            model.addAttribute("chartFailure", e.getMessage());
        }
        return "dashboard/activity :: chart";
    }

    /** Adds the fleet's figures. */
    private void fleet(Operator operator, Model model) {
        try {
            InstanceList list = listing.list(InstanceQuery.ALL, Ec2Caller.user(operator.email()));
            Map<InstanceState, Long> byState = new EnumMap<>(InstanceState.class);
            // account (by name), then region: the rows of an account stay together
            Map<String, Map<InstanceState, Long>> byAccountRegion = new TreeMap<>();
            Map<String, Instance> firstOf = new HashMap<>();
            Set<String> regions = new java.util.TreeSet<>();
            List<Instance> idle = new java.util.ArrayList<>();
            for (Instance instance : list.instances()) {
                byState.merge(instance.state(), 1L, Long::sum);
                String key = instance.accountName() + "\u0000" + instance.accountId() + "\u0000" + instance.region();
                byAccountRegion.computeIfAbsent(key, k -> new EnumMap<>(InstanceState.class))
                        .merge(instance.state(), 1L, Long::sum);
                firstOf.putIfAbsent(key, instance);
                regions.add(instance.region());
                if (instance.state() == InstanceState.RUNNING && instance.cpuAverage() != null
                        && instance.cpuAverage() < IDLE_CPU) {
                    idle.add(instance);
                }
            }
            long max = Math.max(1, byState.values().stream().mapToLong(Long::longValue).max().orElse(1));
            // only the states some instance is in: four rows of zeros say nothing
            List<InstanceState> present = STATE_ORDER.stream().filter(state -> byState.getOrDefault(state, 0L) > 0).toList();
            List<Bar> states = present.stream().map(state -> new Bar(state.value(), byState.get(state),
                    "bar--" + state.value(), 100.0 * byState.get(state) / max)).toList();
            Map<String, Long> rowsPerAccount = new HashMap<>();
            byAccountRegion.keySet().forEach(key -> rowsPerAccount.merge(firstOf.get(key).accountId(), 1L, Long::sum));
            List<MatrixRow> matrix = new java.util.ArrayList<>();
            String previousAccount = null;
            for (Map.Entry<String, Map<InstanceState, Long>> entry : byAccountRegion.entrySet()) {
                Instance first = firstOf.get(entry.getKey());
                boolean firstRow = !first.accountId().equals(previousAccount);
                previousAccount = first.accountId();
                matrix.add(new MatrixRow(first.accountId(), first.accountName(), first.region(),
                        present.stream().map(state -> entry.getValue().getOrDefault(state, 0L)).toList(),
                        entry.getValue().values().stream().mapToLong(Long::longValue).sum(),
                        firstRow ? rowsPerAccount.get(first.accountId()).intValue() : 0));
            }
            idle.sort(java.util.Comparator.comparing(Instance::cpuAverage).thenComparing(Instance::id));
            model.addAttribute("idle", idle.stream().limit(IDLE_SHOWN)
                    .map(instance -> new IdleInstance(instance, com.ec2manager.web.ConsoleFormat.percentOf(instance.cpuAverage())))
                    .toList());
            model.addAttribute("idleCount", (long) idle.size());
            long transition = byState.getOrDefault(InstanceState.PENDING, 0L)
                    + byState.getOrDefault(InstanceState.STOPPING, 0L)
                    + byState.getOrDefault(InstanceState.SHUTTING_DOWN, 0L);
            model.addAttribute("total", (long) list.instances().size());
            model.addAttribute("running", byState.getOrDefault(InstanceState.RUNNING, 0L));
            model.addAttribute("stopped", byState.getOrDefault(InstanceState.STOPPED, 0L));
            model.addAttribute("transition", transition);
            model.addAttribute("stateBars", states);
            model.addAttribute("matrixStates", present.stream().map(InstanceState::value).toList());
            model.addAttribute("matrix", matrix);
            model.addAttribute("regionCount", regions.size());
            model.addAttribute("accountCount", rowsPerAccount.size());
            model.addAttribute("freshness", listing.freshness());
            model.addAttribute("progress", listing.progress());
        } catch (ApplicationException e) {
            model.addAttribute("fleetFailure", e.getMessage());
            model.addAttribute("freshness", List.of());
        }
    }

    private void activity(Model model) {
        model.addAttribute("instanceNames", Map.of());
        try {
            List<AuditRecord> recent = audit.query(AuditQuery.all().withLimit(RECENT)).records();
            Instant now = clock.instant();
            List<AuditRecord> attention = audit.query(AuditQuery.all().between(now.minus(ATTENTION_WINDOW), null)
                    .withOutcomes(NEEDS_ATTENTION).withLimit(ATTENTION)).records();
            model.addAttribute("recent", recent);
            model.addAttribute("attention", attention);
            model.addAttribute("instanceNames", namesOf(recent, attention));
        } catch (ApplicationException e) {
            model.addAttribute("recent", List.of());
            model.addAttribute("attention", List.of());
            model.addAttribute("activityFailure", e.getMessage());
        }
    }
}
