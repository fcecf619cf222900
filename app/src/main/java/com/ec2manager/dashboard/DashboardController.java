package com.ec2manager.dashboard;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.failure.ApplicationException;
import com.ec2manager.identity.Operator;
import com.ec2manager.instances.Ec2Caller;
import com.ec2manager.instances.InstanceListing;
import com.ec2manager.instances.InstanceQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The fleet at a glance: instances by state per region, actions per day, recent activity, and
 * the actions that failed, were denied or are still PENDING. Each panel fails on its own: an
 * unavailable audit trail does not hide the fleet, and the other way round. A view reads only what
 * changed: the fleet's figures are worked out once per inventory version ({@link FleetFigures}),
 * the audit panels are kept until the audit table changes ({@link AuditPanels}), and the chart
 * counts finished days once and today only after a change ({@link DailyActivity}).
 */
@Controller
class DashboardController {

    private final InstanceListing listing;
    private final AuditPanels panels;
    private final DailyActivity activity;
    private volatile FleetFigures figures;

    DashboardController(InstanceListing listing, AuditPanels panels, DailyActivity activity) {
        this.listing = listing;
        this.panels = panels;
        this.activity = activity;
    }

    /** The names of the instances the shown records acted on: looked up for those alone, by id. */
    private Map<String, String> namesOf(List<AuditRecord> recent, List<AuditRecord> attention) {
        Set<String> ids = new LinkedHashSet<>();
        for (List<AuditRecord> records : List.of(recent, attention)) {
            records.stream().filter(r -> r.resourceType() == ResourceType.EC2_INSTANCE)
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
            DailyActivity.Counts counts = activity.lastDays();
            model.addAttribute("chart", ActivityChart.of(counts.days()));
            model.addAttribute("todayCountedAt", counts.todayCountedAt());
        } catch (ApplicationException e) {
            model.addAttribute("chartFailure", e.getMessage());
        }
        return "dashboard/activity :: chart";
    }

    /** Adds the fleet's figures. */
    private void fleet(Operator operator, Model model) {
        try {
            FleetFigures fleet = figures(operator);
            model.addAttribute("total", fleet.total());
            model.addAttribute("running", fleet.running());
            model.addAttribute("stopped", fleet.stopped());
            model.addAttribute("transition", fleet.transition());
            model.addAttribute("stateBars", fleet.stateBars());
            model.addAttribute("matrixStates", fleet.matrixStates());
            model.addAttribute("matrix", fleet.matrix());
            model.addAttribute("regionCount", fleet.regionCount());
            model.addAttribute("accountCount", fleet.accountCount());
            model.addAttribute("idle", fleet.idle());
            model.addAttribute("idleCount", fleet.idleCount());
            model.addAttribute("freshness", listing.freshness());
            model.addAttribute("progress", listing.progress());
        } catch (ApplicationException e) {
            model.addAttribute("fleetFailure", e.getMessage());
            model.addAttribute("freshness", List.of());
        }
    }

    /** The figures of the inventory as it is now: counted again only when an instance changed. */
    private FleetFigures figures(Operator operator) {
        // the version first: a change while counting moves it, and the next view counts again
        long version = listing.version();
        FleetFigures kept = figures;
        if (kept != null && kept.version() == version) {
            return kept;
        }
        FleetFigures counted = FleetFigures.of(version,
                listing.list(InstanceQuery.ALL, Ec2Caller.user(operator.email())).instances());
        figures = counted;
        return counted;
    }

    private void activity(Model model) {
        model.addAttribute("instanceNames", Map.of());
        try {
            AuditPanels.Panels shown = panels.current();
            model.addAttribute("recent", shown.recent());
            model.addAttribute("attention", shown.attention());
            model.addAttribute("auditReadAt", shown.readAt());
            model.addAttribute("instanceNames", namesOf(shown.recent(), shown.attention()));
        } catch (ApplicationException e) {
            model.addAttribute("recent", List.of());
            model.addAttribute("attention", List.of());
            model.addAttribute("activityFailure", e.getMessage());
        }
    }
}
