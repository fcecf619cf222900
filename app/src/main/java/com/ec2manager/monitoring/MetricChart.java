package com.ec2manager.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The geometry of one small line chart of a metric over the window, for a server-drawn SVG (the
 * Content-Security-Policy allows no inline script, and a sparkline needs none), with the words a
 * screen reader reads instead: average, peak and latest value.
 *
 * @param title   what is charted, e.g. "CPU utilisation"
 * @param line    the SVG points of the line ({@code x,y x,y …}), empty without data
 * @param area    the SVG points of the filled area under the line
 * @param scale   the value at the top of the chart, formatted
 * @param summary the chart in words
 */
public record MetricChart(String id, String title, String line, String area, String scale, String summary,
                          boolean empty) {

    static final int WIDTH = 320;
    static final int HEIGHT = 80;

    /**
     * @param floor  the smallest top of the scale (an idle CPU is drawn against 5 %, not stretched to the top)
     * @param format how a value reads, e.g. "12.5 %" or "3.4 MB"
     */
    static MetricChart of(String id, String title, InstanceMetrics.Series series, Instant start, Instant end,
                          double floor, DoubleFunction<String> format) {
        if (series.isEmpty()) {
            return new MetricChart(id, title, "", "", format.apply(floor), title + ": no datapoints in the last 24 hours.",
                    true);
        }
        double top = niceTop(Math.max(floor, series.peak()));
        double span = Math.max(1, end.getEpochSecond() - start.getEpochSecond());
        StringBuilder line = new StringBuilder();
        List<InstanceMetrics.Point> points = series.points();
        for (InstanceMetrics.Point point : points) {
            double x = WIDTH * (point.time().getEpochSecond() - start.getEpochSecond()) / span;
            double y = HEIGHT - HEIGHT * Math.min(point.value(), top) / top;
            line.append(line.isEmpty() ? "" : " ").append(round(x)).append(',').append(round(y));
        }
        double firstX = WIDTH * (points.get(0).time().getEpochSecond() - start.getEpochSecond()) / span;
        double lastX = WIDTH * (points.get(points.size() - 1).time().getEpochSecond() - start.getEpochSecond()) / span;
        String area = round(firstX) + "," + HEIGHT + " " + line + " " + round(lastX) + "," + HEIGHT;
        String summary = String.format(Locale.ENGLISH, "%s over the last 24 hours: average %s, peak %s, latest %s.", title,
                format.apply(series.average()), format.apply(series.peak()), format.apply(series.latest()));
        return new MetricChart(id, title, line.toString(), area, format.apply(top), summary, false);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: a scale a person reads at a glance. */
    static double niceTop(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String round(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
