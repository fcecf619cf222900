package com.ec2manager.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.ec2manager.instances.AccountRegion;
import com.ec2manager.instances.Instance;
import com.ec2manager.instances.InstanceListing;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The instance page's monitoring panel, fetched by the page once it has loaded (so that the page
 * never waits for CloudWatch, and its refreshes during a transition do not ask again): CPU
 * utilisation and network in and out over the last 24 hours, each a small chart with its figures
 * in words and all values in a table.
 */
@Controller
class MonitoringController {

    private final InstanceListing listing;
    private final CloudWatchMetrics cloudWatch;
    private final MonitoringProperties properties;
    private final Clock clock;

    MonitoringController(InstanceListing listing, CloudWatchMetrics cloudWatch, MonitoringProperties properties,
                         Clock clock) {
        this.listing = listing;
        this.cloudWatch = cloudWatch;
        this.properties = properties;
        this.clock = clock;
    }

    /** One row of the table behind the charts. */
    record Row(Instant time, String cpu, String networkIn, String networkOut) {
    }

    @GetMapping("/instances/{account}/{region}/{id}/monitoring")
    String monitoring(@PathVariable String account, @PathVariable String region, @PathVariable String id, Model model) {
        Instance instance = listing.find(account, region, id);
        AccountRegion where = listing.where(instance);
        long period = properties.period().toSeconds();
        // whole periods, so that every datapoint covers a full period and the same minute draws the same chart
        Instant end = Instant.ofEpochSecond(Math.floorDiv(clock.instant().getEpochSecond(), period) * period);
        Instant start = end.minus(properties.window());
        model.addAttribute("instance", instance);
        try {
            InstanceMetrics metrics = cloudWatch.read(where.account(), where.region(), instance.id(), start, end,
                    properties.period());
            model.addAttribute("metrics", metrics);
            model.addAttribute("charts", List.of(
                    MetricChart.of("cpu", "CPU utilisation", metrics.cpu(), start, end, 5, MonitoringController::percent),
                    MetricChart.of("network-in", "Network in", metrics.networkIn(), start, end, 1024,
                            MonitoringController::bytes),
                    MetricChart.of("network-out", "Network out", metrics.networkOut(), start, end, 1024,
                            MonitoringController::bytes)));
            model.addAttribute("rows", rows(metrics));
        } catch (MetricsUnavailableException e) {
            model.addAttribute("metricsFailure", e.getMessage());
        }
        return "monitoring/panel :: panel";
    }

    private static List<Row> rows(InstanceMetrics metrics) {
        List<Row> rows = new ArrayList<>();
        long period = metrics.period().toSeconds();
        for (long t = metrics.start().getEpochSecond(); t < metrics.end().getEpochSecond(); t += period) {
            Instant time = Instant.ofEpochSecond(t);
            rows.add(new Row(time, value(metrics.cpu(), time, MonitoringController::percent),
                    value(metrics.networkIn(), time, MonitoringController::bytes),
                    value(metrics.networkOut(), time, MonitoringController::bytes)));
        }
        Collections.reverse(rows); // newest first, as every table of the console
        return rows;
    }

    private static String value(InstanceMetrics.Series series, Instant time,
                                java.util.function.DoubleFunction<String> format) {
        return series.points().stream().filter(point -> point.time().equals(time)).findFirst()
                .map(point -> format.apply(point.value())).orElse("—");
    }

    static String percent(double value) {
        return com.ec2manager.web.ConsoleFormat.percentOf(value);
    }

    /** Bytes in the units a person reads (1,024-based, as the AWS console shows network traffic). */
    static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ENGLISH, unit == 0 || value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }
}
