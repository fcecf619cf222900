package com.ec2manager.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The AWS/EC2 metrics of one instance over a window, in the application's words (no SDK type):
 * CPU utilisation (average per period, percent) and network in and out (bytes per period).
 *
 * @param start  the window's start (inclusive)
 * @param end    the window's end (exclusive)
 * @param period the length of each datapoint's period
 */
public record InstanceMetrics(Instant start, Instant end, Duration period, Series cpu, Series networkIn,
                              Series networkOut) {

    /** One metric's datapoints, oldest first; periods without data are absent, not zero. */
    record Series(List<Point> points) {

        Series {
            points = List.copyOf(points);
        }

        public boolean isEmpty() {
            return points.isEmpty();
        }

        double average() {
            return points.stream().mapToDouble(Point::value).average().orElse(0);
        }

        double peak() {
            return points.stream().mapToDouble(Point::value).max().orElse(0);
        }

        public double total() {
            return points.stream().mapToDouble(Point::value).sum();
        }

        double latest() {
            return points.isEmpty() ? 0 : points.get(points.size() - 1).value();
        }
    }

    /** One datapoint: the start of its period and its value. */
    record Point(Instant time, double value) {
    }

    /** Whether CloudWatch had any datapoint at all (a stopped instance reports none). */
    public boolean isEmpty() {
        return cpu.isEmpty() && networkIn.isEmpty() && networkOut.isEmpty();
    }
}
