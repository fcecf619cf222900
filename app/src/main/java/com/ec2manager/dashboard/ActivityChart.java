package com.ec2manager.dashboard;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.ec2manager.audit.AuditOutcome;

/**
 * The geometry of the "actions per day" chart, stacked by outcome, for a server-drawn SVG
 * (no chart library and no script: the Content-Security-Policy allows neither inline code nor
 * foreign origins, and 14 columns need none).
 */
public record ActivityChart(List<Column> columns, long max, List<AuditOutcome> outcomes, List<DailyActivity.Day> days) {

    static final int WIDTH = 1100;
    static final int HEIGHT = 170;
    static final int AXIS = 22;
    /** Room above the highest column for its total. */
    static final int HEADROOM = 18;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** One day's column: its label and its stacked segments, bottom up. */
    public record Column(String label, double x, double width, long total, List<Segment> segments) {
    }

    /** One outcome's part of a column; {@code style} is the outcome's CSS class. */
    public record Segment(AuditOutcome outcome, double y, double height, long count, String style) {
    }

    static ActivityChart of(List<DailyActivity.Day> days) {
        // the order of the stack: what went well at the bottom, what needs a look on top
        List<AuditOutcome> order = new ArrayList<>(List.of(AuditOutcome.values()));
        order.remove(AuditOutcome.SUCCEEDED);
        order.add(0, AuditOutcome.SUCCEEDED);
        long max = Math.max(1, days.stream().mapToLong(DailyActivity.Day::total).max().orElse(1));
        double slot = (double) WIDTH / Math.max(1, days.size());
        double plot = HEIGHT - AXIS - HEADROOM;
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DailyActivity.Day day = days.get(i);
            List<Segment> segments = new ArrayList<>();
            double top = plot + HEADROOM;
            for (AuditOutcome outcome : order) {
                long count = day.count(outcome);
                if (count == 0) {
                    continue;
                }
                double height = Math.max(1.5, plot * count / max);
                top -= height;
                segments.add(new Segment(outcome, round(top), round(height), count,
                        "seg--" + outcome.name().toLowerCase(Locale.ROOT)));
            }
            columns.add(new Column(LABEL.format(day.date()), round(i * slot + slot * 0.15), round(slot * 0.7),
                    day.total(), segments));
        }
        List<AuditOutcome> present = order.stream()
                .filter(outcome -> days.stream().anyMatch(day -> day.count(outcome) > 0)).toList();
        return new ActivityChart(columns, max, present, days);
    }

    public long total() {
        return days.stream().mapToLong(DailyActivity.Day::total).sum();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
