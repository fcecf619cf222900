package com.ec2manager.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class MetricChartTest {

    private static final Instant START = Instant.parse("2025-01-13T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(24));

    @Test
    void theLineSpansTheWindowAndItsHighestPointTouchesTheTopOfANiceScale() {
        InstanceMetrics.Series series = new InstanceMetrics.Series(List.of(
                new InstanceMetrics.Point(START, 10), new InstanceMetrics.Point(START.plus(Duration.ofHours(12)), 50),
                new InstanceMetrics.Point(START.plus(Duration.ofHours(24)), 30)));

        MetricChart chart = MetricChart.of("cpu", "CPU utilisation", series, START, END, 5, MonitoringController::percent);

        assertThat(chart.line()).isEqualTo("0.0,64.0 160.0,0.0 320.0,32.0");
        assertThat(chart.scale()).isEqualTo("50 %");
        assertThat(chart.area()).startsWith("0.0,80 ").endsWith(" 320.0,80");
        assertThat(chart.summary()).isEqualTo("CPU utilisation over the last 24 hours: average 30 %, peak 50 %, latest 30 %.");
    }

    @Test
    void anIdleSeriesIsDrawnAgainstTheFloorNotStretchedToTheTop() {
        InstanceMetrics.Series idle = new InstanceMetrics.Series(List.of(new InstanceMetrics.Point(START, 1.0)));

        MetricChart chart = MetricChart.of("cpu", "CPU utilisation", idle, START, END, 5, MonitoringController::percent);

        assertThat(chart.scale()).isEqualTo("5.0 %");
        assertThat(chart.line()).isEqualTo("0.0,64.0");
    }

    @Test
    void aSeriesWithoutDatapointsIsEmptyAndSaysSo() {
        MetricChart chart = MetricChart.of("cpu", "CPU utilisation", new InstanceMetrics.Series(List.of()), START, END,
                5, MonitoringController::percent);

        assertThat(chart.empty()).isTrue();
        assertThat(chart.line()).isEmpty();
        assertThat(chart.summary()).contains("no datapoints");
    }

    @Test
    void scalesAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(MetricChart.niceTop(0.7)).isEqualTo(1);
        assertThat(MetricChart.niceTop(3)).isEqualTo(5);
        assertThat(MetricChart.niceTop(51)).isEqualTo(100);
        assertThat(MetricChart.niceTop(1500)).isEqualTo(2000);
    }

    @Test
    void bytesReadInTheUnitsOfTheAwsConsole() {
        assertThat(MonitoringController.bytes(512)).isEqualTo("512 B");
        assertThat(MonitoringController.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(MonitoringController.bytes(250L * 1024 * 1024)).isEqualTo("250 MiB");
    }
}
